// Lists every function definition spatch parses: its file, line and name (used by compare-spatch.ts).
@r@
identifier f;
position p;
@@
f@p(...) { ... }

@script:python@
f << r.f;
p << r.p;
@@
print("FN %s:%s:%s" % (p[0].file, p[0].line, f))
