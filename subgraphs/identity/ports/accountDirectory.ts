// What the identity subgraph asks of the city's account system (MonStrasbourg.eu), whatever implements it.

/** Profile data shown to the person and to staff; never stored in Parvis's database. */
export interface Profile {
  givenName: string | null;
  familyName: string | null;
  email: string | null;
}

export interface AccountDirectory {
  /** The person's profile, or null when the account no longer exists. Throws UpstreamUnavailableError when down. */
  profile(subject: string, accountId: string): Promise<Profile | null>;
  /** Drops what is cached of a person's profile. */
  forgetProfile(accountId: string): Promise<void>;
  /** Of the given subjects, those whose account was deleted upstream. */
  deletedAmong(subjects: readonly string[]): Promise<string[]>;
}
