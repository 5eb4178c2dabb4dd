// Package wasm is a static page that judges an enterprise in the browser, with the engine and
// its rule catalog compiled to WebAssembly (cmd/smetier-wasm): no server beyond static files,
// and the figures never leave the device. To try it:
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o examples/wasm/smetier.wasm ./cmd/smetier-wasm
//	cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" examples/wasm/
//	python3 -m http.server -b 127.0.0.1 -d examples/wasm 8000   # any static file server
//
// then open http://127.0.0.1:8000/. The two built files are not committed; the test
// (wasm_test.go) builds them into a temporary directory and checks the page in headless
// Chromium against the Go engine.
package wasm
