// webpack's defaults (src/index.js → dist/), the stylesheet extracted to a file, and an index.html.
import HtmlWebpackPlugin from "html-webpack-plugin";
import MiniCssExtractPlugin from "mini-css-extract-plugin";

export default {
  module: {
    rules: [{ test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] }],
  },
  plugins: [new MiniCssExtractPlugin(), new HtmlWebpackPlugin({ title: "broadsheet with webpack" })],
};
