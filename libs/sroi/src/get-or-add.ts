/** The map's value for `key`, made and stored on first use. With a `limit`, a full map is emptied first (a bounded cache). */
export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V, limit = Number.POSITIVE_INFINITY): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= limit) map.clear();
    map.set(key, (value = make()));
  }
  return value;
}
