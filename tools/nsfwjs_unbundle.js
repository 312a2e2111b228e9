// Write an nsfwjs model bundle (model.min.js and its group1-shard*.min.js, base64 inside
// browserify wrappers) out as a plain TF.js model: model.json and binary weight shards, the
// form tools/tfjs_graph_to_onnx.py reads. Usage: node nsfwjs_unbundle.js BUNDLE_DIR OUT_DIR
const fs = require("fs");
const path = require("path");

const [bundle, out] = process.argv.slice(2);
if (!bundle || !out) {
  console.error("usage: node nsfwjs_unbundle.js BUNDLE_DIR OUT_DIR");
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });
const load = (file) => {
  const loaded = require(path.resolve(bundle, file));
  return loaded.default || loaded;
};
fs.writeFileSync(path.join(out, "model.json"), JSON.stringify(load("model.min.js")));
for (const file of fs.readdirSync(bundle).filter((name) => name.startsWith("group1-shard"))) {
  const shard = load(file);
  const base64 = typeof shard === "string" ? shard : Object.values(shard)[0];
  fs.writeFileSync(path.join(out, file.replace(/\.min\.js$/, "")), Buffer.from(base64, "base64"));
}
