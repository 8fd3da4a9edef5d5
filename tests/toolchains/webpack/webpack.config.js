import HtmlWebpackPlugin from "html-webpack-plugin";
import { fileURLToPath } from "node:url";

export default {
  entry: "./src/main.js",
  output: { path: fileURLToPath(new URL("./dist", import.meta.url)), clean: true },
  plugins: [new HtmlWebpackPlugin({ template: "./index.html" })],
};
