import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [
    vue({
      template: {
        // <cx-scorecard> and <cx-scorecard-team> are custom elements, not Vue components.
        compilerOptions: { isCustomElement: (tag) => tag.startsWith("cx-") },
      },
    }),
  ],
});
