/**
 * The schema builder of the rule language (`Value<T>`, `text`, `names`, ...). It is defined in the
 * match stage (src/match/selectors/value.ts) because each selector module there declares its own
 * key with it; the keys and kinds of this folder read it from here.
 */
export * from '../../match/selectors/value';
