// The expression text box, with the spans of the current diagnostics underlined behind the text.
import { useRef, type RefObject } from 'react';
import { highlightPieces } from './highlight';
import type { DiagnosticView } from '../../lib/rules-engine';

export function ExpressionEditor(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  diagnostics: readonly DiagnosticView[];
  describedBy?: string;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}) {
  const backdrop = useRef<HTMLDivElement>(null);
  const pieces = highlightPieces(
    props.value,
    props.diagnostics.map((d) => d.span),
  );
  return (
    <div className="expression-editor">
      <div className="expression-backdrop" ref={backdrop} aria-hidden="true">
        {pieces.map((piece, i) =>
          piece.marked ? (
            <mark key={i} className="diagnostic-span" data-diagnostic={piece.diagnostic}>
              {piece.text}
            </mark>
          ) : (
            <span key={i}>{piece.text}</span>
          ),
        )}
        {'\n'}
      </div>
      <textarea
        id={props.id}
        ref={props.textareaRef}
        className="expression-input"
        value={props.value}
        rows={5}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={props.diagnostics.length > 0}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.target.value)}
        onScroll={(e) => {
          if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
}
