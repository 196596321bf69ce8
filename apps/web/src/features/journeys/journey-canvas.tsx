import { createMemo, createSignal, For, onMount, Show } from 'solid-js';
import type { JourneyGraph, JourneyNode, JourneyNodeType } from '@switchboard/journeys';
import { outletsOf, targetOf } from '@switchboard/journeys/graph-steps';
import { t } from '../../i18n/i18n.ts';
import { outletName, stepSummary, stepTitle, stepTypeName } from './step-text.ts';
import { bounds } from './graph-edit.ts';

/** A step card's size in canvas units; a step's position is the middle of its top edge. */
export const CARD_WIDTH = 184;
export const CARD_HEIGHT = 74;
const MIN_ZOOM = 0.3;
const MAX_ZOOM = 2;

export interface StepCountsView {
  reached: number;
  waitingNow: number;
  outcomes: Record<string, number>;
  convertedAfter: number;
  exitedHere: number;
}

export interface CanvasProps {
  graph: JourneyGraph;
  selected: string | null;
  problems: ReadonlyMap<string, string[]>;
  counts: Record<string, StepCountsView> | null;
  readOnly: boolean;
  templateName: (id: string) => string | undefined;
  onSelect: (id: string | null) => void;
  onMove: (id: string, position: { x: number; y: number }) => void;
  onConnect: (from: string, outlet: string, to: string) => void;
  onRemove: (id: string) => void;
  onDropStep: (type: JourneyNodeType, position: { x: number; y: number }) => void;
}

/** Where an outlet leaves its card, in canvas units. */
export function outletPoint(node: JourneyNode, index: number, count: number) {
  return {
    x: node.position.x - CARD_WIDTH / 2 + ((index + 0.5) * CARD_WIDTH) / count,
    y: node.position.y + CARD_HEIGHT,
  };
}

const curve = (from: { x: number; y: number }, to: { x: number; y: number }) => {
  const bend = Math.max(40, Math.abs(to.y - from.y) / 2);
  return `M ${from.x} ${from.y} C ${from.x} ${from.y + bend}, ${to.x} ${to.y - bend}, ${to.x} ${to.y}`;
};

/**
 * The journey drawn as cards joined by curves: drag cards to move them, drag (or click) an outlet and release
 * (or click) on a card to connect, drag the background to pan, wheel or +/− to zoom, arrows to nudge the
 * selected step, Delete to remove it, Escape to cancel. Every card is focusable, so the keyboard reaches all of it.
 */
export function JourneyCanvas(props: CanvasProps) {
  let viewport: HTMLDivElement | undefined;
  const view = () => viewport!;
  const [pan, setPan] = createSignal({ x: 400, y: 40 });
  const [zoom, setZoom] = createSignal(1);
  const [connecting, setConnecting] = createSignal<{ from: string; outlet: string } | null>(null);
  const [pointer, setPointer] = createSignal<{ x: number; y: number } | null>(null);
  let drag:
    | { kind: 'pan'; startX: number; startY: number; pan: { x: number; y: number } }
    | {
        kind: 'move';
        id: string;
        startX: number;
        startY: number;
        origin: { x: number; y: number };
        moved: boolean;
      }
    | null = null;

  const byId = createMemo(() => new Map(props.graph.nodes.map((n) => [n.id, n])));

  const toWorld = (clientX: number, clientY: number) => {
    const rect = view().getBoundingClientRect();
    return { x: (clientX - rect.left - pan().x) / zoom(), y: (clientY - rect.top - pan().y) / zoom() };
  };

  function fit() {
    const box = bounds(props.graph);
    const width = view().clientWidth || 800;
    const height = view().clientHeight || 600;
    const contentWidth = box.maxX - box.minX + CARD_WIDTH + 80;
    const contentHeight = box.maxY - box.minY + CARD_HEIGHT + 120;
    // Fit the width; for height stay readable: a long journey is panned through rather than shrunk to dots.
    const z = Math.max(MIN_ZOOM, Math.min(1, width / contentWidth, Math.max(height / contentHeight, 0.8)));
    setZoom(z);
    setPan({ x: width / 2 - ((box.minX + box.maxX) / 2) * z, y: 40 - box.minY * z });
  }
  onMount(fit);

  function zoomBy(factor: number, around?: { x: number; y: number }) {
    const rect = view().getBoundingClientRect();
    const anchor = around ?? { x: rect.width / 2, y: rect.height / 2 };
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom() * factor));
    const ratio = next / zoom();
    setPan((p) => ({ x: anchor.x - (anchor.x - p.x) * ratio, y: anchor.y - (anchor.y - p.y) * ratio }));
    setZoom(next);
  }

  function onWheel(event: WheelEvent) {
    event.preventDefault();
    const rect = view().getBoundingClientRect();
    zoomBy(event.deltaY < 0 ? 1.1 : 1 / 1.1, { x: event.clientX - rect.left, y: event.clientY - rect.top });
  }

  function onViewportPointerDown(event: PointerEvent) {
    if (event.button !== 0) return;
    drag = { kind: 'pan', startX: event.clientX, startY: event.clientY, pan: pan() };
    view().setPointerCapture?.(event.pointerId);
  }

  function onCardPointerDown(event: PointerEvent, node: JourneyNode) {
    if (event.button !== 0) return;
    event.stopPropagation();
    if (connecting()) return;
    props.onSelect(node.id);
    if (props.readOnly) return;
    drag = {
      kind: 'move',
      id: node.id,
      startX: event.clientX,
      startY: event.clientY,
      origin: node.position,
      moved: false,
    };
  }

  function onPointerMove(event: PointerEvent) {
    if (connecting()) setPointer(toWorld(event.clientX, event.clientY));
    if (!drag) return;
    const dx = event.clientX - drag.startX;
    const dy = event.clientY - drag.startY;
    if (drag.kind === 'pan') setPan({ x: drag.pan.x + dx, y: drag.pan.y + dy });
    else if (drag.moved || Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      props.onMove(drag.id, {
        x: Math.round(drag.origin.x + dx / zoom()),
        y: Math.round(drag.origin.y + dy / zoom()),
      });
    }
  }

  function onPointerUp(event: PointerEvent) {
    if (
      drag?.kind === 'pan' &&
      Math.abs(event.clientX - drag.startX) + Math.abs(event.clientY - drag.startY) < 4
    )
      props.onSelect(null);
    drag = null;
  }

  function startConnecting(event: Event, node: JourneyNode, outlet: string) {
    event.stopPropagation();
    if (props.readOnly) return;
    setConnecting({ from: node.id, outlet });
  }

  /** A click (or pointer release after dragging from an outlet) on a card while connecting finishes it. */
  function finishConnecting(node: JourneyNode): boolean {
    const pending = connecting();
    if (!pending || pending.from === node.id) return false;
    props.onConnect(pending.from, pending.outlet, node.id);
    setConnecting(null);
    setPointer(null);
    return true;
  }

  function onKeyDown(event: KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const selected = props.selected ? byId().get(props.selected) : undefined;
    const nudge = { ArrowLeft: [-20, 0], ArrowRight: [20, 0], ArrowUp: [0, -20], ArrowDown: [0, 20] }[
      event.key as 'ArrowLeft'
    ];
    if (event.key === 'Escape') {
      if (connecting()) setConnecting(null);
      else props.onSelect(null);
    } else if (nudge && selected && !props.readOnly) {
      event.preventDefault();
      props.onMove(selected.id, { x: selected.position.x + nudge[0]!, y: selected.position.y + nudge[1]! });
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected && !props.readOnly) {
      event.preventDefault();
      props.onRemove(selected.id);
    } else if (event.key === '+' || event.key === '=') zoomBy(1.2);
    else if (event.key === '-') zoomBy(1 / 1.2);
    else if (event.key === '0') fit();
  }

  function onDrop(event: DragEvent) {
    const type = event.dataTransfer?.getData('application/x-journey-step');
    if (!type || props.readOnly) return;
    event.preventDefault();
    const at = toWorld(event.clientX, event.clientY);
    props.onDropStep(type as JourneyNodeType, { x: Math.round(at.x), y: Math.round(at.y - CARD_HEIGHT / 2) });
  }

  const edges = createMemo(() =>
    props.graph.nodes.flatMap((node) => {
      const outlets = outletsOf(node);
      return outlets.flatMap((outlet, index) => {
        const target = targetOf(node, outlet);
        const to = target ? byId().get(target) : undefined;
        if (!to) return [];
        const from = outletPoint(node, index, outlets.length);
        return [{ key: `${node.id}:${outlet}`, node, outlet, path: curve(from, to.position), from }];
      });
    }),
  );

  const pendingLine = createMemo(() => {
    const pending = connecting();
    const at = pointer();
    const node = pending && byId().get(pending.from);
    if (!pending || !at || !node) return null;
    const outlets = outletsOf(node);
    return curve(outletPoint(node, outlets.indexOf(pending.outlet), outlets.length), at);
  });

  return (
    <div class="journey-canvas-wrap">
      <div class="journey-zoom" role="toolbar" aria-label={t('journeys.view')}>
        <button
          type="button"
          class="button secondary"
          onClick={() => zoomBy(1.2)}
          aria-label={t('journeys.zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          class="button secondary"
          onClick={() => zoomBy(1 / 1.2)}
          aria-label={t('journeys.zoomOut')}
        >
          −
        </button>
        <button type="button" class="button secondary" onClick={fit} data-testid="journey-fit">
          {t('journeys.fit')}
        </button>
        <span class="muted" data-testid="journey-zoom">
          {Math.round(zoom() * 100)}%
        </span>
      </div>
      <Show when={connecting()}>
        <p class="journey-connecting notice notice-info" role="status">
          {t('journeys.connecting')}
        </p>
      </Show>
      <div
        ref={(el) => (viewport = el)}
        class="journey-canvas"
        classList={{ connecting: !!connecting() }}
        tabindex="0"
        aria-label={t('journeys.canvas')}
        data-testid="journey-canvas"
        onPointerDown={onViewportPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onWheel={onWheel}
        onKeyDown={onKeyDown}
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
      >
        <div
          class="journey-plane"
          style={{ transform: `translate(${pan().x}px, ${pan().y}px) scale(${zoom()})` }}
        >
          <svg class="journey-edges" width="1" height="1" aria-hidden="true">
            <For each={edges()}>
              {(edge) => (
                <g>
                  <path d={edge.path} class="journey-edge" />
                  <Show when={props.counts?.[edge.node.id]?.outcomes[edge.outlet] !== undefined}>
                    <text x={edge.from.x + 6} y={edge.from.y + 26} class="journey-edge-count">
                      {props.counts![edge.node.id]!.outcomes[edge.outlet]!.toLocaleString()}
                    </text>
                  </Show>
                </g>
              )}
            </For>
            <Show when={pendingLine()}>{(d) => <path d={d()} class="journey-edge pending" />}</Show>
          </svg>
          <For each={props.graph.nodes}>
            {(node) => {
              const problems = () => props.problems.get(node.id) ?? [];
              const counts = () => props.counts?.[node.id];
              return (
                <div
                  class={`journey-step step-${node.type}`}
                  classList={{
                    selected: props.selected === node.id,
                    'has-problem': problems().length > 0,
                  }}
                  style={{
                    left: `${node.position.x - CARD_WIDTH / 2}px`,
                    top: `${node.position.y}px`,
                    width: `${CARD_WIDTH}px`,
                    height: `${CARD_HEIGHT}px`,
                  }}
                  role="button"
                  tabindex="0"
                  aria-pressed={props.selected === node.id}
                  aria-label={`${stepTitle(node)} (${stepTypeName(node.type)})`}
                  data-testid="journey-step"
                  data-step-id={node.id}
                  title={problems().join('\n')}
                  onPointerDown={(e) => onCardPointerDown(e, node)}
                  onPointerUp={(e) => {
                    if (finishConnecting(node)) e.stopPropagation();
                  }}
                  onClick={() => finishConnecting(node)}
                  onFocus={() => {
                    if (!connecting()) props.onSelect(node.id);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && finishConnecting(node)) e.preventDefault();
                  }}
                >
                  <div class="journey-step-head">
                    <span class="journey-step-type">{stepTypeName(node.type)}</span>
                    <Show when={problems().length > 0}>
                      <span class="journey-problem-badge" data-testid="step-problem">
                        ! {problems().length}
                      </span>
                    </Show>
                  </div>
                  <div class="journey-step-title">
                    {node.label?.trim() || stepSummary(node, props.templateName) || stepTitle(node)}
                  </div>
                  <Show when={node.label?.trim()}>
                    <div class="journey-step-summary">{stepSummary(node, props.templateName)}</div>
                  </Show>
                  <Show when={counts()}>
                    {(c) => (
                      <div class="journey-step-counts" data-testid="step-counts">
                        <span title={t('journeys.count.reached')}>↦ {c().reached.toLocaleString()}</span>
                        <Show when={c().waitingNow > 0}>
                          <span title={t('journeys.count.waiting')} data-testid="step-waiting">
                            ⏳ {c().waitingNow.toLocaleString()}
                          </span>
                        </Show>
                        <Show when={c().convertedAfter > 0}>
                          <span title={t('journeys.count.converted')}>
                            ★ {c().convertedAfter.toLocaleString()}
                          </span>
                        </Show>
                        <Show when={c().exitedHere > 0}>
                          <span title={t('journeys.count.exited')}>⇥ {c().exitedHere.toLocaleString()}</span>
                        </Show>
                      </div>
                    )}
                  </Show>
                  <div class="journey-outlets">
                    <For each={outletsOf(node)}>
                      {(outlet) => (
                        <button
                          type="button"
                          class="journey-outlet"
                          classList={{
                            open: targetOf(node, outlet) === null,
                            active: connecting()?.from === node.id && connecting()?.outlet === outlet,
                          }}
                          disabled={props.readOnly}
                          data-outlet={outlet}
                          aria-label={t('journeys.connectFrom', { outlet: outletName(outlet) })}
                          onPointerDown={(e) => startConnecting(e, node, outlet)}
                          onClick={(e) => startConnecting(e, node, outlet)}
                        >
                          {outletName(outlet)}
                        </button>
                      )}
                    </For>
                  </div>
                </div>
              );
            }}
          </For>
        </div>
      </div>
    </div>
  );
}
