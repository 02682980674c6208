// The evaluation trace of the test bench: every sub-expression with the value it had.
import type { TraceNode } from '../../lib/rules-engine';

export function TraceView({ node }: { node: TraceNode }) {
  return (
    <ul className="trace">
      <TraceItem node={node} />
    </ul>
  );
}

function TraceItem({ node }: { node: TraceNode }) {
  const tone = node.value === 'true' ? 'ok' : node.value === 'false' ? 'muted' : '';
  return (
    <li>
      <code>{node.text}</code> → <span className={`mono ${tone}`}>{node.value}</span>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child, i) => (
            <TraceItem key={i} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
