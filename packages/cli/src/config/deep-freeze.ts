// Deep-freezes a plain JSON-shaped value so a loaded config cannot change after validation.

/** Recursively freezes objects and arrays; returns the same value, typed read-only. */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
