// Command portal is a self-check portal: one page where a person enters an enterprise's key
// figures and sees, for every tier, the verdict with each criterion, its legal citation and
// what it was based on. It mounts the HTTP API of package httpapi next to the page; the page
// is embedded (HTML, CSS and JavaScript in one file, no external assets).
//
//	go run ./examples/portal -addr 127.0.0.1:8080
//
// then open http://127.0.0.1:8080/. The page can be pre-filled from its query string, and
// submitted at once with submit=1, e.g.
//
//	http://127.0.0.1:8080/?region=440305&industry=C3812&rev1=6830&main1=6556.8&submit=1
//
// Its end-to-end tests drive the page in headless Chromium (/usr/bin/chromium, Debian's
// chromium package; .ci/chromium.sh installs it): one types into the form and clicks as a
// person would, over the DevTools protocol; others load pre-filled URLs.
package main
