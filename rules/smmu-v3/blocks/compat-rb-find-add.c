/*
 * Xen: Linux's container_of() takes pointers to const (the comparators below
 * get const nodes); Xen's does not.
 */
#undef rb_entry
#define rb_entry(ptr, type, member) \
	container_of((struct rb_node *)(ptr), type, member)

/*
 * Xen: Linux 5.12 added rb_find_add() to its rbtree; Xen's rbtree has the
 * building blocks only. Same contract: link @node into @tree where @cmp puts
 * it and return NULL, or return the node already there that compares equal
 * and leave the tree as it was.
 */
static inline struct rb_node *
rb_find_add(struct rb_node *node, struct rb_root *tree,
	    int (*cmp)(struct rb_node *, const struct rb_node *))
{
	struct rb_node *parent = NULL, **slot = &tree->rb_node;

	while ( *slot )
	{
		int order = cmp(node, *slot);

		if ( order == 0 )
			return *slot;
		parent = *slot;
		slot = order < 0 ? &parent->rb_left : &parent->rb_right;
	}

	rb_link_node(node, parent, slot);
	rb_insert_color(node, tree);

	return NULL;
}

