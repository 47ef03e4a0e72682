/** Values of one user, by field member, already in COPY text form (null for NULL). */
export type UserValues = Record<string, string | null>;
