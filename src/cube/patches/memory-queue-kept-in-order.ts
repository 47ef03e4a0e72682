import { createRequire } from 'node:module';

const INSTALLED = Symbol.for('alma.memory-queue-kept-in-order');

/** An item of one of the memory queue's lists: its key, its order, and the queue id it runs under. */
interface QueueItem {
  key: string;
  order: number;
  queueId?: unknown;
}

type QueueList = Record<string, QueueItem>;

interface QueueState {
  active: QueueList;
  toProcess: QueueList;
  recent: QueueList;
  heartBeat: QueueList;
}

type Method = (this: ConnectionInternals, ...args: never[]) => unknown;

interface ConnectionInternals {
  state: QueueState;
  redisHash(queryKey: unknown): string;
  orderedQueueItems(queueObj: QueueList, orderFilterLessThan?: number): QueueItem[];
  [method: string]: unknown;
}

interface Entry {
  readonly key: string;
  readonly item: QueueItem;
  readonly order: number;
  /** Where Object.values puts the key: integer-like keys first, by value, then the others by the time they were added. */
  readonly position: number;
}

/** Whether `key` is an array index, which an object lists before its other keys, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** a before b: Cube's stable sort by order, ties (and orders whose difference is no number) in Object.values' order. */
function before(a: Entry, b: Entry): boolean {
  if (a.order < b.order) return true;
  if (a.order > b.order) return false;
  return a.position < b.position;
}

/**
 * One list's items in the order Cube sorts them (order, then Object.values' order), kept as
 * the list changes instead of sorted at each read. A list holding an order that is not a
 * number is left to Cube's sort, whose result it would not define.
 */
export class OrderedQueueList {
  private readonly entries: Entry[] = [];
  private readonly byKey = new Map<string, Entry>();
  private nextPosition = 1;
  private notNumbers = 0;

  /** The list as it is now, with its keys in Object.values' order. */
  constructor(private readonly list: QueueList) {
    for (const key of Object.keys(list)) this.sync(key);
  }

  /** Takes the list's item under `key` as it is now: added, replaced or gone. */
  sync(key: string): void {
    const has = Object.hasOwn(this.list, key);
    const item = has ? this.list[key] : undefined;
    const existing = this.byKey.get(key);
    if (existing && existing.item === item) return;
    if (existing) this.remove(existing);
    if (item === undefined && !has) return;
    // A key given a new item keeps its place among the object's keys; a new key goes last.
    const position = existing ? existing.position : isArrayIndex(key) ? Number(key) - 2 ** 32 : this.nextPosition++;
    const entry: Entry = { key, item: item as QueueItem, order: (item as QueueItem | undefined)?.order as number, position };
    if (typeof entry.order !== 'number' || Number.isNaN(entry.order)) this.notNumbers += 1;
    this.byKey.set(key, entry);
    this.entries.splice(this.insertionPoint(entry), 0, entry);
  }

  /** Cube's orderedQueueItems, or undefined when the list holds an order Cube's sort leaves undefined. */
  ordered(orderFilterLessThan?: number): QueueItem[] | undefined {
    if (this.notNumbers > 0) return undefined;
    const items: QueueItem[] = [];
    for (const entry of this.entries) {
      // The filter keeps a prefix of the sorted list: every order below it comes first.
      if (orderFilterLessThan && !(entry.order < orderFilterLessThan)) break;
      // A change made behind the patch's back: let Cube read the list itself.
      if (this.list[entry.key] !== entry.item) return undefined;
      items.push(entry.item);
    }
    return items;
  }

  private insertionPoint(entry: Entry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(this.entries[middle]!, entry)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private remove(entry: Entry): void {
    this.byKey.delete(entry.key);
    if (typeof entry.order !== 'number' || Number.isNaN(entry.order)) this.notNumbers -= 1;
    const at = this.entries.indexOf(entry);
    if (at >= 0) this.entries.splice(at, 1);
  }
}

const LISTS = ['active', 'toProcess', 'recent', 'heartBeat'] as const;
type ListName = (typeof LISTS)[number];

interface Change {
  /** The key the method changed. */
  key(connection: ConnectionInternals, args: unknown[]): string;
  /** The lists it may have changed under that key. */
  lists: readonly ListName[];
}

const byHash = (_connection: ConnectionInternals, [queryKeyHash]: unknown[]) => queryKeyHash as string;

/** The methods of Cube's memory queue connection that change its lists, and what each one changes. */
const CHANGES: Record<string, Change> = {
  addToQueue: { key: (connection, [queryKey]) => connection.redisHash(queryKey), lists: ['toProcess', 'recent'] },
  getQueryAndRemove: { key: byHash, lists: LISTS },
  setResultAndRemoveQuery: { key: byHash, lists: LISTS },
  retrieveForProcessing: { key: byHash, lists: ['active', 'toProcess', 'heartBeat'] },
  updateHeartBeat: { key: byHash, lists: ['heartBeat'] },
};

/**
 * Cube's memory queue (LocalQueueDriverConnection) keeps its pending, running,
 * recent and heart-beat items in plain objects and sorts a whole list (order,
 * then the object's key order) each time it reads one: twice per reconcile, again
 * for each query's stage, so the cost grows with the queries in flight. Here each
 * list's sorted order is kept as Cube's own methods change it (each change is
 * taken from the list itself, for the one key the method touched), and a read
 * copies it, or only its first items when Cube asks for the orders below a time.
 * Cube's objects stay the truth: a list whose items were changed any other way,
 * or hold an order that is not a number, is sorted by Cube's code as before.
 */
export function installMemoryQueueKeptInOrder(): void {
  const fromServerCore = createRequire(require.resolve('@cubejs-backend/server-core/dist/src/core/OrchestratorApi.js'));
  const { LocalQueueDriverConnection } = fromServerCore('@cubejs-backend/query-orchestrator/dist/src/orchestrator/LocalQueueDriverConnection.js') as
    { LocalQueueDriverConnection: { prototype: ConnectionInternals & { [INSTALLED]?: true } } };
  const prototype = LocalQueueDriverConnection.prototype;
  if (prototype[INSTALLED]) return;
  const { orderedQueueItems } = prototype;
  const methods = Object.keys(CHANGES).map((name) => [name, prototype[name]] as const);
  if (typeof orderedQueueItems !== 'function' || methods.some(([, method]) => typeof method !== 'function')) {
    throw new Error('Cube\'s memory queue has not the methods it had: its lists cannot be kept in order');
  }
  const orderedLists = new WeakMap<QueueList, OrderedQueueList>();
  const orderedListOf = (list: QueueList): OrderedQueueList => {
    let ordered = orderedLists.get(list);
    if (!ordered) {
      ordered = new OrderedQueueList(list);
      orderedLists.set(list, ordered);
    }
    return ordered;
  };
  // Inside Cube's own changes a list may already differ from its order (retrieveForProcessing reads
  // the running list after adding to it): there, Cube sorts as it always did.
  let changing = 0;
  for (const [name, method] of methods) {
    const change = CHANGES[name]!;
    prototype[name] = function changeKeptInOrder(this: ConnectionInternals, ...args: unknown[]) {
      changing += 1;
      let result: unknown;
      try {
        // Cube's methods change the lists before their first await: the change is there when they return.
        result = (method as Method).apply(this, args as never[]);
      } finally {
        changing -= 1;
      }
      let key: string | undefined;
      try {
        key = change.key(this, args);
      } catch {
        // No key to take the change from: each list is read afresh at its next change.
        for (const list of LISTS) orderedLists.delete(this.state[list]);
        return result;
      }
      for (const list of change.lists) orderedListOf(this.state[list]).sync(key);
      return result;
    };
  }
  prototype.orderedQueueItems = function orderedQueueItemsKept(this: ConnectionInternals, queueObj: QueueList, orderFilterLessThan?: number) {
    const kept = changing === 0 ? orderedLists.get(queueObj)?.ordered(orderFilterLessThan) : undefined;
    return kept ?? orderedQueueItems.call(this, queueObj, orderFilterLessThan);
  };
  prototype[INSTALLED] = true;
}
