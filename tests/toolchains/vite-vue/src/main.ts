import { createApp } from "vue";
import init from "cx-scorecard";
import App from "./App.vue";

// The wasm starts once, before the app mounts; the component mounts synchronously.
await init();
createApp(App).mount("#app");
