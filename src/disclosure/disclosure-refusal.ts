/**
 * A query that a group with a minimum cell size may not ask, with what to do
 * instead. The Cube patch turns it into Cube's own 400 (REST) or an SQL error.
 */
export class DisclosureRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DisclosureRefusal';
  }
}
