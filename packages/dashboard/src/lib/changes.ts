// A tiny in-page change bus: a section that writes announces a topic; sections that read it reload.
import { useEffect, useState } from 'react';

export type Topic = 'hostnames' | 'certificates' | 'cas' | 'rules' | 'associations';

const listeners = new Map<Topic, Set<() => void>>();

/** Tells every reader of `topic` to reload. */
export function announce(topic: Topic): void {
  for (const listener of listeners.get(topic) ?? []) listener();
}

/** A number that changes whenever one of `topics` is announced; use it as an effect dependency. */
export function useTopicVersion(...topics: Topic[]): number {
  const [version, setVersion] = useState(0);
  const key = topics.join(',');
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const list = key.split(',') as Topic[];
    for (const topic of list) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(bump);
    }
    return () => {
      for (const topic of list) listeners.get(topic)?.delete(bump);
    };
  }, [key]);
  return version;
}
