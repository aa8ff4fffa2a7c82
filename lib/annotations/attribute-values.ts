/**
 * The closed value sets of annotation attributes, in one dependency-free module: the server's
 * zod schemas, the brat export and the browser's attribute forms all read them from here, so a
 * form can never offer a value the API refuses.
 */
export const FIGURE_QUALIFIERS = ["exact", "approximately", "more than", "less than", "at least", "at most", "up to", "range"] as const;
export const ENTITY_TYPES = ["person", "organization", "armed_group", "location", "event", "other"] as const;
export const REPORTING_MODES = ["asserted", "reported", "alleged", "denied"] as const;
/** Admiralty (NATO) grading: source reliability A–F, information credibility 1–6. */
export const SOURCE_RELIABILITY = ["A", "B", "C", "D", "E", "F"] as const;
export const INFORMATION_CREDIBILITY = [1, 2, 3, 4, 5, 6] as const;

/**
 * An annotation's review status. Declared here, not in shape.ts, because the browser needs the
 * values and shape.ts brings zod, whose eval probe the page's CSP refuses; shape.ts builds the
 * zod enum from this list.
 */
export const ANNOTATION_STATUSES = ["pending", "accepted", "rejected"] as const;
