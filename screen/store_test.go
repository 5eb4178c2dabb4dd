package screen

import (
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// A record decodes to the enterprise that was added, field by field: the compact form may
// not lose or change anything the results print.
func TestRecordsRoundTrip(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	gap := func(crit string, size float64) smetier.Gap {
		return smetier.Gap{Criterion: crit, Group: 1, Option: 2, Kind: "increase", Fact: "fy1.rd_expense",
			Input: "years.2025.rd_expense", FiscalYear: 2025, Current: f(1.5), Required: f(3), Delta: f(1.5),
			Unit: "元", Size: size, Message: smetier.Text{Zh: "研发费用 " + crit, En: "R&D " + crit}}
	}
	apart := gap("far", 0.9)
	apart.Current, apart.Official, apart.Group = nil, true, -1
	nan := gap("nan", math.NaN())
	bad := &RecordError{Cells: []*CellError{{Sheet: "企业", Row: 4, Column: "A", Reason: "bad"}}}
	es := []Enterprise{
		{Sheet: "企业", Row: 3, Name: "甲", CreditCode: "91440305000000001R", Region: "440305",
			RegionName: smetier.Text{Zh: "南山区", En: "Nanshan"}, Area: "440300",
			Statuses: []RungStatus{
				{Key: "innovative_sme", Covered: true, Status: smetier.Qualified, Held: true, RuleSet: "cn-2026-innovative-sme",
					title: smetier.Text{Zh: "创新型", En: "innovative"}},
				{Key: "specialized_sme", Covered: true, Status: smetier.NotQualified, RuleSet: "cn-2026-specialized-sme",
					Failed: []string{"rd.ratio", "score"}, Judgement: []string{"market.position"}, Missing: []string{"years.2025.rd_expense"},
					Errors: []string{"x"}, title: smetier.Text{Zh: "专精特新", En: "specialized"}},
				{Key: "sd_gazelle"},
			},
			Highest: "innovative_sme", Next: "specialized_sme", NextStatus: smetier.NotQualified,
			Gaps: []smetier.Gap{gap("rd.ratio", 0.5), nan}, Distance: &Distance{Failed: 2, GapSize: 1.5, Missing: 1},
			ind: [nIndicators]int8{1, 0, -1, 1, 0}},
		{Sheet: "企业", Row: 4, Err: bad},
		{Sheet: "企业", Row: 5, Name: "乙", Gaps: []smetier.Gap{gap("a", 0.2)}, Largest: &apart},
		{Sheet: "x.jsonl", Row: 6, Name: "丙", Err: errors.New("unknown region")},
	}
	es[0].Largest = &es[0].Gaps[0]
	var rs records
	for i := range es {
		rs.add(&es[i])
	}
	require.Equal(t, len(es), rs.len())
	for i := range es {
		got := rs.get(i)
		want := es[i]
		if i == 0 {
			// NaN is not equal to itself: compare it apart.
			assert.True(t, math.IsNaN(got.Gaps[1].Size))
			got.Gaps[1].Size, want.Gaps = 0, append([]smetier.Gap(nil), want.Gaps...)
			want.Gaps[1].Size = 0
		}
		assert.Equal(t, want, got, "record %d", i)
		name, code := rs.identity(i)
		assert.Equal(t, [2]string{es[i].Name, es[i].CreditCode}, [2]string{name, code}, "identity %d", i)
	}
	var re *RecordError
	require.ErrorAs(t, rs.get(1).Err, &re)
	assert.Same(t, bad, re)
}

// Full chunks are deflated; records in them decode as those of the chunk being filled do, by
// index (in any order, from several goroutines) and in order.
func TestRecordsAcrossChunks(t *testing.T) {
	var rs records
	var want []Enterprise
	for i := 0; len(rs.packed) < 2; i++ {
		e := Enterprise{Sheet: "企业", Row: i + 3, Name: fmt.Sprintf("企业%06d", i), CreditCode: fmt.Sprint(i),
			Statuses: []RungStatus{{Key: "innovative_sme", Covered: true, Status: smetier.NeedsData, Missing: []string{fmt.Sprintf("years.%d.rd_expense", 2000+i%30)}}},
			Gaps: []smetier.Gap{{Criterion: "rd.ratio", Size: float64(i) / 1e4, Message: smetier.Text{
				Zh: fmt.Sprintf("研发费用占比为%d%%，需提高%d元", i%7, i*1000), En: fmt.Sprintf("R&D is %d%% of revenue; raise it by ¥%d to pass the threshold of the rule", i%7, i*1000)}}}}
		if i%97 == 0 {
			e.Err = fmt.Errorf("record %d", i)
		}
		rs.add(&e)
		want = append(want, e)
	}
	require.Greater(t, len(rs.cur), 0)
	for i, e := range rs.each {
		require.Equal(t, want[i], e, "record %d in order", i)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g * 53; i < len(want); i += len(want) / 5 {
				assert.Equal(t, want[i], rs.get(i), "record %d", i)
				name, _ := rs.identity(i)
				assert.Equal(t, want[i].Name, name)
			}
		}()
	}
	wg.Wait()
	// Deflated, a record costs a fraction of its encoding.
	packed := 0
	for _, p := range rs.packed {
		packed += len(p)
	}
	assert.Less(t, packed*3, 2*chunkSize, "full chunks deflate at least 3×")
}
