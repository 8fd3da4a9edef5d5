// Type-level checks only (never imported by the app): misuses the package's JSX types must
// reject, which they would not if the declarations had fallen back to `any`.
import "cx-scorecard/element";

export function Misuses() {
  return (
    <>
      {/* @ts-expect-error: the theme is a scheme or an object of colours, not a number */}
      <cx-scorecard theme={42} />
      {/* @ts-expect-error: an attribute takes text */}
      <cx-scorecard definition-src={42} />
      {/* @ts-expect-error: no such option */}
      <cx-scorecard locle="de" />
      <cx-scorecard
        oncx-scorecard:progress={(e) => {
          // @ts-expect-error: progress counts are numbers
          const answered: string = e.detail.answered;
          void answered;
        }}
      />
    </>
  );
}
