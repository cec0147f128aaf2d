// The three-rule benchmark task for Coccinelle (same task as xenport/ and ast-grep.yml):
// calls inside arm_smmu_add_device are left alone, since that function goes into #if 0.
@wrap@
@@
+#if 0
 arm_smmu_add_device(...) {...}
+#endif

@alloc@
identifier f != arm_smmu_add_device;
expression E;
@@
f(...) { <...
- kzalloc(E, GFP_KERNEL)
+ xzalloc_bytes(E)
...> }

@free@
identifier f != arm_smmu_add_device;
expression E;
@@
f(...) { <...
- kfree(E)
+ xfree(E)
...> }
