// Package browsertest drives headless Chromium over the DevTools protocol for the end-to-end
// tests of the example pages (examples/portal, examples/wasm). It is test machinery: it reports
// failures through testing.TB and skips a test when Chromium is not installed. It runs on Linux
// only (process groups, inherited pipes).
package browsertest
