// The types of style.js: the widget's stylesheet.
/** The widget's stylesheet's text (CSS), which its shadow root adopts. */
declare const style: string;
export default style;
