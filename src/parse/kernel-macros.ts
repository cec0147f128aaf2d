/**
 * The shipped table of kernel macro hints, by shape (in the spirit of Coccinelle's standard.h
 * macro file: `declarer`, `iterator`, `attribute`, `MACROSTATEMENT`, type arguments). Each shape
 * is rewritten before parsing into same-length text tree-sitter-c can read (see ./shape.ts and
 * docs/PARSING.md). A port adds its own hints with `macros:` in port.yaml (see ./hints.ts).
 */
import type { MacroHintData } from './hints';

/** Kernel macros by shape. Names listed here are exact; `patterns` classify families by name. */
export const KERNEL_MACROS: MacroHintData = {
  // Words with no meaning for matching: blanked.
  annotation: [
    '__init', '__exit', '__initdata', '__exitdata', '__initconst', '__devinit', '__devexit', '__devinitdata',
    '__iomem', '__user', '__kernel', '__force', '__rcu', '__percpu', '__bitwise', '__nocast', '__private',
    '__maybe_unused', '__always_unused', '__unused', '__used', '__must_check', '__hwdom_init', '__read_mostly',
    '__ro_after_init', '__refdata', '__ref', '__cold', '__hot', '__visible', '__weak', '__sched',
    '__always_inline', 'noinline', 'notrace', 'asmlinkage', '__noreturn', '__pure', '__cpuinit', '__cpuexit',
    '__meminit', '__meminitdata', '__safe', '__latent_entropy', '__noinline', '__flatten', '__nocfi',
    '__noclone', '__initdata_or_module', '__init_or_module', '__mustcheck', 'noinstr', '__kprobes', '__irq_entry',
    '__attribute_const__', '__malloc', '__deprecated', '__nonstring', '__designated_init', '__init_memblock',
    '__initdata_memblock', '__exit_call', '__no_kcsan', '__no_sanitize_address', '__noscs', '__data_racy', '__noipa', 'VISIBLE_IF_KUNIT',
  ],
  // Attributes, bare or with an argument list: blanked with their arguments. Not
  // ____cacheline_aligned_in_smp: tree-sitter reads `} ____cacheline_aligned_in_smp;` as a member
  // name, and rules/smmu-v3 matches that name to define it for Xen.
  attribute: [
    '__packed', '__randomize_layout', '__no_randomize_layout', '____cacheline_aligned',
    '__cacheline_aligned', '__cacheline_aligned_in_smp', '____cacheline_internodealigned_in_smp', '__aligned_largest',
    '__aligned', '__printf', '__scanf', '__section', '__must_hold', '__acquires', '__releases', '__counted_by',
    '__alloc_size', '__cond_lock', '__diag_ignore', '__free', '__cleanup', '__nocapture', '__guarded_by',
    '__pt_guarded_by', '__cond_acquires', '__no_context_analysis', '__assume_aligned',
  ],
  // Loop headers: `list_for_each_entry(pos, head, member) body` reads as a for statement.
  iterator: [
    'list_for_each', 'list_for_each_safe', 'list_for_each_entry', 'list_for_each_entry_safe', 'list_for_each_entry_rcu',
    'list_for_each_entry_reverse', 'list_for_each_entry_continue', 'list_for_each_entry_from', 'list_for_each_prev',
    'hlist_for_each', 'hlist_for_each_entry', 'hlist_for_each_entry_safe', 'hlist_for_each_entry_rcu',
    'for_each_set_bit', 'for_each_clear_bit', 'for_each_child_of_node', 'for_each_available_child_of_node',
    'for_each_compatible_node', 'for_each_matching_node', 'for_each_possible_cpu', 'for_each_online_cpu',
    'for_each_cpu', 'for_each_sg', 'for_each_node', 'for_each_online_node', 'for_each_property_of_node',
    'device_for_each_child_node', 'fwnode_for_each_child_node', 'xa_for_each', 'xa_for_each_marked', 'xa_for_each_start',
    'idr_for_each_entry', 'radix_tree_for_each_slot', 'hash_for_each', 'hash_for_each_safe', 'hash_for_each_possible',
    'rbtree_postorder_for_each_entry_safe', 'llist_for_each_entry', 'llist_for_each_entry_safe', 'mt_for_each',
    'for_each_pci_dev', 'for_each_of_allnodes', 'for_each_mem_range', 'for_each_sgtable_sg',
    'for_each_sgtable_dma_sg', 'scoped_guard', 'scoped_cond_guard',
    'skb_queue_walk', 'skb_queue_walk_safe', 'skb_queue_walk_from', 'skb_queue_walk_from_safe', 'skb_queue_reverse_walk',
    'skb_queue_reverse_walk_safe', 'skb_queue_reverse_walk_from_safe', 'skb_walk_frags', 'skb_rbtree_walk', 'skb_rbtree_walk_safe', 'for_each_sg_dma_page', 'for_each_sg_page', 'for_each_set_clump8', 'for_each_new_connector_in_state',
  ],
  // Arguments that are types (0-based positions): masked into one same-length identifier.
  'type-argument': {
    container_of: [1], container_of_const: [1], list_entry: [1], list_first_entry: [1], list_last_entry: [1],
    list_first_entry_or_null: [1], list_entry_rcu: [1], list_first_or_null_rcu: [1], hlist_entry: [1], hlist_entry_safe: [1],
    rb_entry: [1], rb_entry_safe: [1], llist_entry: [1], min_t: [0], max_t: [0], clamp_t: [0], sizeof_field: [0],
    offsetofend: [0], FIELD_SIZEOF: [0], typecheck: [0], va_arg: [1], KMEM_CACHE: [0], alloc_percpu: [0],
    alloc_percpu_gfp: [0], DECLARE_PER_CPU: [0], DEFINE_PER_CPU: [0], DEFINE_PER_CPU_READ_MOSTLY: [0],
    DEFINE_PER_CPU_ALIGNED: [0], xzalloc: [0], xmalloc: [0], xzalloc_array: [0], xmalloc_array: [0],
    xzalloc_flex_struct: [0], xmalloc_flex_struct: [0],
    typeof_member: [0], offsetof: [0],
    virtio_cread: [1], virtio_cwrite: [1], virtio_cread_le: [1], virtio_cwrite_le: [1],
    virtio_cread_feature: [2], virtio_cread_le_feature: [2], DECLARE_KFIFO: [1], DECLARE_KFIFO_PTR: [1], DEFINE_KFIFO: [1],
    // Token arguments pasted into a name (`10000baseT_Full`): masked the same way, a leading digit to `_`.
    ethtool_link_ksettings_add_link_mode: [2], ethtool_link_ksettings_del_link_mode: [2], ethtool_link_ksettings_test_link_mode: [2],
  },
  // Declarations: `DECLARE_BITMAP(name, bits);` reads as the declaration `DECLARE_BITMAP name[bits];`.
  declarer: [
    'DECLARE_BITMAP', 'DEFINE_MUTEX', 'DEFINE_SPINLOCK', 'DEFINE_RAW_SPINLOCK', 'DEFINE_RWLOCK', 'LIST_HEAD', 'HLIST_HEAD',
    'DEFINE_IDA', 'DEFINE_IDR', 'DEFINE_XARRAY', 'DEFINE_XARRAY_ALLOC', 'DEFINE_XARRAY_ALLOC1', 'DECLARE_WAIT_QUEUE_HEAD',
    'DECLARE_COMPLETION', 'DECLARE_COMPLETION_ONSTACK', 'DECLARE_WORK', 'DECLARE_DELAYED_WORK', 'DEFINE_RATELIMIT_STATE',
    'DECLARE_HASHTABLE', 'DEFINE_HASHTABLE', 'DEFINE_PER_CPU', 'DECLARE_PER_CPU', 'DEFINE_PER_CPU_READ_MOSTLY',
    'DEFINE_PER_CPU_ALIGNED', 'DEFINE_STATIC_KEY_FALSE', 'DEFINE_STATIC_KEY_TRUE', 'DECLARE_KFIFO', 'DECLARE_KFIFO_PTR',
    'DEFINE_KFIFO', 'DEFINE_WAIT', 'DEFINE_WAIT_FUNC', 'DECLARE_TASKLET', 'DEFINE_SEMAPHORE', 'DEFINE_RWSEM',
    'DEFINE_STATIC_SRCU', 'DEFINE_SRCU', 'DEFINE_DEBUGFS_ATTRIBUTE', 'DEFINE_SIMPLE_ATTRIBUTE', 'DEFINE_SHOW_ATTRIBUTE',
    'DEFINE_SEQ_ATTRIBUTE', 'DECLARE_SWAIT_QUEUE_HEAD', 'DEFINE_LOCK_GUARD_1', 'DEFINE_GUARD',
    'DEFINE_FREE', 'DEFINE_MUTEX_NESTED',
  ],
  // Whole statements written without a `;` (Coccinelle's MACROSTATEMENT): read as a comment.
  statement: [
    'DT_DEVICE_END', 'TRACE_EVENT', 'DEFINE_EVENT', 'DECLARE_EVENT_CLASS', 'module_init', 'module_exit', 'core_initcall',
    'postcore_initcall', 'arch_initcall', 'subsys_initcall', 'fs_initcall', 'device_initcall', 'late_initcall',
    'EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL', 'EXPORT_SYMBOL_NS_GPL',
  ],
  // Macros whose invocation is a type (`typeof(*p) *q`): the invocation becomes one identifier.
  type: ['typeof', '__typeof__', '__typeof', 'typeof_unqual', '__typeof_unqual__'],
  // String literals: `printk(KERN_ERR PFX "x")` reads as a concatenated string.
  string: ['__stringify', 'KERN_SOH', 'KERN_EMERG', 'KERN_ALERT', 'KERN_CRIT', 'KERN_ERR', 'KERN_WARNING', 'KERN_NOTICE', 'KERN_INFO', 'KERN_DEBUG', 'KERN_DEFAULT', 'KERN_CONT'],
  // Struct member groups: `struct_group(name, u32 a; u32 b;);` reads as `struct {name; u32 a; u32 b;};`.
  'member-group': ['struct_group', 'struct_group_tagged'],
  // Families classified by name (regular expressions on the whole name).
  patterns: {
    iterator: ['^\\w*for_each\\w*$', '^\\w+_foreach\\w*$', '^\\w*FOR_?EACH\\w*$', '^for_\\w+$', '^with_\\w+$'],
    declarer: ['^(DECLARE|DEFINE)_[A-Z0-9_]+$'],
    // After `static` or `extern`: `static DEVICE_ATTR(cap, S_IRUGO, show, NULL);`.
    'static-declarer': ['^[A-Z][A-Z0-9_]*$'],
    // An all-capitals macro used as a whole top-level item with no `;` (it defines functions or
    // tables): read as a comment, like Coccinelle's MACROSTATEMENT.
    'top-statement': ['^[A-Z][A-Z0-9_]*[A-Z0-9]$'],
    // Initializer entries written without a comma: `SET_RUNTIME_PM_OPS(s, r, NULL)`.
    statement: ['^SET_\\w*PM_OPS$', '^(module|builtin)_\\w+_driver$'],
  },
};
