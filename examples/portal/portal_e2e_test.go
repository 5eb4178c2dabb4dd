//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/internal/browsertest"
)

// render loads url in headless Chromium and returns the DOM once the page has settled: the
// page pre-fills its form from the query string and submits it (submit=1), and virtual time
// waits for the fetch to the API to finish.
func render(t *testing.T, pageURL string) string {
	t.Helper()
	if _, err := os.Stat(browsertest.Chromium); err != nil {
		t.Skipf("end-to-end test skipped: %s not found (install it with: apt-get install -y chromium, or run .ci/chromium.sh)", browsertest.Chromium)
	}
	for attempt, budget := range []int{10_000, 30_000} {
		dir, err := os.MkdirTemp("", "smetier-chromium-")
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := exec.CommandContext(ctx, browsertest.Chromium,
			"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--disable-dev-shm-usage", "--user-data-dir="+dir,
			fmt.Sprintf("--virtual-time-budget=%d", budget), "--dump-dom", pageURL)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		cancel()
		if cmd.Process != nil {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // helpers Chromium may leave behind
		}
		os.RemoveAll(dir)
		require.NoError(t, err, "chromium: %s", stderr.String())
		dom := string(out)
		if strings.Contains(dom, `data-state="done"`) || strings.Contains(dom, `data-state="error"`) {
			return dom
		}
		t.Logf("attempt %d: the page had not finished (budget %dms)", attempt+1, budget)
	}
	t.Fatal("the page never showed a result")
	return ""
}

// sentProfile is the JSON the page sent, which it shows under the result.
func sentProfile(t *testing.T, dom string) (*smetier.Profile, map[string]any) {
	m := regexp.MustCompile(`(?s)<pre id="request">(.*?)</pre>`).FindStringSubmatch(dom)
	require.NotNil(t, m, "the page shows the profile it sent")
	raw := html.UnescapeString(m[1])
	var p smetier.Profile
	require.NoError(t, json.Unmarshal([]byte(raw), &p), raw)
	var generic map[string]any
	require.NoError(t, json.Unmarshal([]byte(raw), &generic))
	return &p, generic
}

func pageURL(base string, params [][2]string) string {
	q := url.Values{}
	for _, p := range params {
		q.Add(p[0], p[1])
	}
	return base + "/?" + q.Encode()
}

// TestPortalEndToEnd fills the form of a Shenzhen micro-motor maker, lets the page call the API
// and checks the verdicts it renders: every tier's status, every criterion's outcome, citation
// and message, against the engine's own report for the profile the page sent.
func TestPortalEndToEnd(t *testing.T) {
	srv := server(t)
	params := [][2]string{
		{"name", "深圳市精研微电机有限公司"}, {"region", "440305"}, {"industry", "C3812"}, {"established", "2015-03-18"},
		{"as_of", "2026-06-15"},
		{"rev1", "6830"}, {"main1", "6556.8"}, {"rd1", "409.8"}, {"assets1", "8010"}, {"liab1", "3604.5"}, {"emp1", "221"},
		{"rev2", "6050"}, {"main2", "5747.5"}, {"rd2", "363"}, {"assets2", "7020"}, {"liab2", "3300"}, {"emp2", "204"},
		{"rev3", "5200"}, {"main3", "4940"}, {"rd3", "286"}, {"assets3", "6100"}, {"liab3", "3050"}, {"emp3", "186"},
		{"ip", "invention_patent,2,2021-06-01,maot"}, {"ip", "utility_model,1,2022-11-20,maot"},
		{"segment_name", "微型精密步进电机"}, {"segment_since", "2016-01-01"}, {"market_share", "6.5"}, {"national_rank", "5"},
		{"six_basics", "1"}, {"key_chain_link", "1"}, {"strategic_emerging", "1"},
		{"title", "innovative_sme,2024-06-01,2027-05-31"}, {"score", "68"}, {"rdi", "municipal"},
		{"submit", "1"},
	}
	dom := render(t, pageURL(srv.URL, params))
	checkShenzhen(t, dom)
}

// checkShenzhen checks the page after the Shenzhen micro-motor maker's figures were entered: the
// profile it sent, and every verdict it shows against the engine's own report for that profile.
func checkShenzhen(t *testing.T, dom string) {
	t.Helper()
	require.Contains(t, dom, `data-state="done"`, "the verdicts are shown")

	// The page turned 万元 into exact yuan and the form into the profile contract.
	p, raw := sentProfile(t, dom)
	years := raw["years"].(map[string]any)
	assert.Equal(t, "68300000", years["2025"].(map[string]any)["operating_revenue"])
	assert.Equal(t, "65568000", years["2025"].(map[string]any)["main_revenue"])
	assert.Equal(t, "36045000", years["2025"].(map[string]any)["total_liabilities"])
	assert.EqualValues(t, 186, years["2023"].(map[string]any)["employees"])
	assert.Len(t, p.IP, 3)
	assert.Equal(t, smetier.InventionPatent, p.IP[0].Kind)
	assert.Equal(t, 68.0, p.EvaluationScores[2026])
	require.Len(t, p.Titles, 1)
	assert.Equal(t, smetier.TitleInnovativeSME, p.Titles[0].Kind)
	assert.Equal(t, smetier.MustDate("2016-01-01"), *p.Segment.Since)

	// What the page shows is what the engine says.
	eng, err := classify.New()
	require.NoError(t, err)
	rep, err := eng.Classify(context.Background(), p, classify.AsOf(smetier.MustDate("2026-06-15")))
	require.NoError(t, err)
	assert.Contains(t, dom, "深圳市精研微电机有限公司")
	for _, v := range rep.Verdicts {
		status := string(v.Status)
		if !v.Covered {
			status = "uncovered"
		}
		assert.Contains(t, dom, fmt.Sprintf(`data-tier="%s" data-status="%s"`, v.Tier, status), v.Tier)
		assert.Contains(t, dom, html.EscapeString(v.TierTitle.Zh))
		if !v.Covered {
			continue
		}
		assert.Contains(t, dom, `class="status `+status+`">`+v.Status.Title().Zh+`<`)
		for _, c := range v.Criteria {
			assert.Regexp(t, fmt.Sprintf(`data-id="%s" data-outcome="%s"`, regexp.QuoteMeta(c.ID), c.Outcome), dom)
			assert.Contains(t, dom, html.EscapeString(c.Citation))
			assert.Contains(t, dom, html.EscapeString(c.Message.Zh))
		}
	}
	// The size class and the concrete verdicts of this enterprise.
	assert.Contains(t, dom, "企业规模 小型")
	lg := rep.Verdict(smetier.LittleGiant)
	require.NotNil(t, lg)
	assert.Equal(t, smetier.NotQualified, lg.Status, "2 class-I rights are fewer than the 4 a little giant needs")
	assert.Contains(t, lg.Failed, "ip.class1")
	assert.Regexp(t, `data-id="ip\.class1" data-outcome="fail"`, dom)
}

// TestPortalEndToEndError shows a field the API rejects, in English, next to its path, and
// marks the input.
func TestPortalEndToEndError(t *testing.T) {
	srv := server(t)
	dom := render(t, pageURL(srv.URL, [][2]string{
		{"lang", "en"}, {"region", "440305"}, {"industry", "C3812"}, {"as_of", "2026-06-15"},
		{"rev1", "6830"}, {"main1", "7000"}, {"submit", "1"},
	}))
	require.Contains(t, dom, `data-state="error"`)
	assert.Contains(t, dom, `<div class="error" id="error" data-code="invalid_profile">`)
	assert.Contains(t, dom, `<li data-path="years.2025.main_revenue">`)
	assert.Contains(t, dom, "main-business revenue 70000000.00 exceeds operating revenue 68300000.00")
	assert.Regexp(t, `<input[^>]*id="main1"[^>]*class="invalid"|<input[^>]*class="invalid"[^>]*id="main1"`, dom)
	assert.Contains(t, dom, "Cannot judge")
	assert.Contains(t, dom, `<html lang="en">`)
}

// TestPortalInteractive is a person at the page: it opens the empty form, clicks into each
// field and types the Shenzhen micro-motor maker's figures, adds IP and title rows with the
// buttons, ticks the boxes, clicks 判定 and reads the verdicts; then switches the page to English,
// corrects a figure into an impossible one and sees the error next to the field, and types an
// amount that is not a number.
func TestPortalInteractive(t *testing.T) {
	srv := server(t)
	b := browsertest.Start(t)
	b.Navigate(srv.URL + "/")
	b.WaitFor("the empty form", `document.body.dataset.state === undefined && document.getElementById("rev1")`, 10*time.Second)

	b.TypeInto(browsertest.ByID("name"), "深圳市精研微电机有限公司")
	b.TypeInto(browsertest.ByID("region"), "440305")
	b.TypeInto(browsertest.ByID("industry"), "C3812")
	b.SetValue(browsertest.ByID("established"), "2015-03-18")
	b.SetValue(browsertest.ByID("as_of"), "2026-06-15")
	// Changing the date of judgement relabels the year columns.
	b.WaitFor("the year columns", `document.getElementById("fy1").textContent === "2025"`, 5*time.Second)
	for id, v := range map[string]string{
		"rev1": "6830", "main1": "6556.8", "rd1": "409.8", "assets1": "8010", "liab1": "3604.5", "emp1": "221",
		"rev2": "6050", "main2": "5747.5", "rd2": "363", "assets2": "7020", "liab2": "3300", "emp2": "204",
		"rev3": "5200", "main3": "4940", "rd3": "286", "assets3": "6100", "liab3": "3050", "emp3": "186",
	} {
		b.TypeInto(browsertest.ByID(id), v)
	}

	// Two IP rows from the 添加 button; every status box starts ticked.
	b.Click(browsertest.ByID("add-ip"))
	b.Click(browsertest.ByID("add-ip"))
	b.WaitFor("two IP rows", `document.querySelectorAll("#ip-list .ip-entry").length === 2`, 5*time.Second)
	b.SetValue(browsertest.Nth("#ip-list .ip-kind", 0), "invention_patent")
	b.TypeInto(browsertest.Nth("#ip-list .ip-count", 0), "2")
	b.SetValue(browsertest.Nth("#ip-list .ip-granted", 0), "2021-06-01")
	b.SetValue(browsertest.Nth("#ip-list .ip-kind", 1), "utility_model")
	b.TypeInto(browsertest.Nth("#ip-list .ip-count", 1), "1")
	b.SetValue(browsertest.Nth("#ip-list .ip-granted", 1), "2022-11-20")

	b.TypeInto(browsertest.ByID("segment_name"), "微型精密步进电机")
	b.SetValue(browsertest.ByID("segment_since"), "2016-01-01")
	b.TypeInto(browsertest.ByID("market_share"), "6.5")
	b.TypeInto(browsertest.ByID("national_rank"), "5")
	for _, id := range []string{"six_basics", "key_chain_link", "strategic_emerging"} {
		b.Click(browsertest.ByID(id))
	}
	var ticked []bool
	b.Eval(`["six_basics", "key_chain_link", "strategic_emerging", "own_brand"].map((id) => document.getElementById(id).checked)`, &ticked)
	require.Equal(t, []bool{true, true, true, false}, ticked, "the clicks ticked the boxes")

	b.Click(browsertest.ByID("add-title"))
	b.WaitFor("a title row", `document.querySelectorAll("#title-table tbody tr").length === 1`, 5*time.Second)
	b.SetValue(browsertest.Nth("#title-table .title-kind", 0), "innovative_sme")
	b.SetValue(browsertest.Nth("#title-table .title-issued", 0), "2024-06-01")
	b.SetValue(browsertest.Nth("#title-table .title-expires", 0), "2027-05-31")
	b.TypeInto(browsertest.ByID("score"), "68")
	b.SetValue(browsertest.ByID("rdi"), "municipal")

	b.Click(`document.querySelector("button.primary")`)
	b.WaitFor("the verdicts", `document.body.dataset.state === "done" || document.body.dataset.state === "error"`, 20*time.Second)
	// The same enterprise as TestPortalEndToEnd, entered by hand: the same checks hold.
	checkShenzhen(t, b.DOM())

	// The language button re-renders the verdicts in English without asking the API again.
	b.Click(browsertest.ByID("lang-toggle"))
	b.WaitFor("the English page", `document.documentElement.lang === "en"`, 5*time.Second)
	dom := b.DOM()
	assert.Contains(t, dom, `<h1 data-i18n="title">SME tier self-check</h1>`)
	assert.Contains(t, dom, `class="status not_qualified">not qualified<`)
	assert.Contains(t, dom, "Size small")

	// A main-business revenue above the operating revenue: the API refuses it, and the page says
	// why next to the field's path and marks the input.
	b.TypeInto(browsertest.ByID("main1"), "7000")
	b.Click(`document.querySelector("button.primary")`)
	b.WaitFor("the error", `document.body.dataset.state === "error"`, 20*time.Second)
	dom = b.DOM()
	assert.Contains(t, dom, `<div class="error" id="error" data-code="invalid_profile">`)
	assert.Contains(t, dom, `<li data-path="years.2025.main_revenue">`)
	assert.Contains(t, dom, "main-business revenue 70000000.00 exceeds operating revenue 68300000.00")
	var invalid bool
	b.Eval(`document.getElementById("main1").classList.contains("invalid")`, &invalid)
	assert.True(t, invalid, "the rejected input is marked")

	// An amount that is not a number is caught in the page, before any request.
	b.TypeInto(browsertest.ByID("main1"), "6556.8")
	b.TypeInto(browsertest.ByID("rd1"), "四百万")
	b.Click(`document.querySelector("button.primary")`)
	b.WaitFor("the input error", `document.querySelector("#error[data-code=invalid_input]")`, 10*time.Second)
	b.Eval(`document.getElementById("rd1").classList.contains("invalid") && !document.getElementById("main1").classList.contains("invalid")`, &invalid)
	assert.True(t, invalid, "only the bad amount is marked")
	assert.Contains(t, b.DOM(), `<li data-path="years.2025.rd_expense">`)

	// Correcting it gives the verdicts again.
	b.TypeInto(browsertest.ByID("rd1"), "409.8")
	b.Click(`document.querySelector("button.primary")`)
	b.WaitFor("the verdicts again", `document.body.dataset.state === "done"`, 20*time.Second)
}
