// The app's own JavaScript: the element, as its Vite guide says.
import "cx-scorecard/element";
