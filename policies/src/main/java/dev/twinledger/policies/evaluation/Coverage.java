package dev.twinledger.policies.evaluation;

/** How much of a scope a user holds a permission on, in an {@link AccessMatrix}. */
public enum Coverage {
    /** On some of the scope: a grant's scope overlaps it without containing it. */
    PART,
    /** On all of the scope: a grant's scope contains it. */
    WHOLE
}
