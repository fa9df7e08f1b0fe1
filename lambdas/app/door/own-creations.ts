/**
 * The credentials this process created and whose secret it has not stored (yet): the only ones
 * the door deletes although they may look in use (`rollback-own-creation`). Process-wide on
 * purpose: "created by this same process" is a fact about the process, whatever path created it.
 */
const unstored = new Set<string>();

export const ownCreations = {
  /** ISC answered a create with this id. */
  created(id: string): void {
    unstored.add(id);
  },
  /** Its secret is stored: from now on it is somebody's credential like any other. */
  stored(id: string): void {
    unstored.delete(id);
  },
  /** Created here, secret never stored. */
  isOwnUnstored(id: string): boolean {
    return unstored.has(id);
  },
};
