/** A labelled progress bar; `share` is 0–1. Screen readers get the same numbers through the progressbar role. */
export function ProgressBar(props: { share: number; label: string; testId?: string }) {
  const percent = () => Math.max(0, Math.min(100, Math.floor(props.share * 100)));
  return (
    <div class="progress" data-testid={props.testId}>
      <div
        class="progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent()}
        aria-label={props.label}
      >
        <div class="progress-fill" style={{ width: `${percent()}%` }} />
      </div>
      <span class="progress-label">
        {props.label} · {percent()}%
      </span>
    </div>
  );
}
