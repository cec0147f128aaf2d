/*
 * Xen: Linux's container_of() takes pointers to const (the comparators below
 * get const nodes); Xen's does not.
 */
#undef rb_entry
#define rb_entry(ptr, type, member) \
	container_of((struct rb_node *)(ptr), type, member)

/*
 * Xen: rb_find_add() (Linux 5.12, include/linux/rbtree.h) on Xen's rbtree:
 * insert node unless a node that compares equal is there; return that node,
 * or NULL when node was inserted.
 */
static inline struct rb_node *
rb_find_add(struct rb_node *node, struct rb_root *tree,
	    int (*cmp)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node;
	struct rb_node *parent = NULL;
	int c;

	while (*link) {
		parent = *link;
		c = cmp(node, parent);

		if (c < 0)
			link = &parent->rb_left;
		else if (c > 0)
			link = &parent->rb_right;
		else
			return parent;
	}

	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
	return NULL;
}

