package smetier_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/smetier/smetier"
)

// decodeStrict decodes a profile, rejecting fields the contract does not know.
func decodeStrict(t *testing.T, b []byte) *smetier.Profile {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var p smetier.Profile
	require.NoError(t, dec.Decode(&p))
	return &p
}

func roundTrip(t *testing.T, p *smetier.Profile) (*smetier.Profile, []byte) {
	t.Helper()
	b, err := json.Marshal(p)
	require.NoError(t, err)
	return decodeStrict(t, b), b
}

func TestProfileJSONShenzhenPrecision(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "profiles", "shenzhen-precision.json"))
	require.NoError(t, err)
	p := decodeStrict(t, raw)

	t.Run("decoded values", func(t *testing.T) {
		assert.Equal(t, "深圳市精研微电机有限公司", p.Name)
		assert.Equal(t, "91440300MA5F0XKQ86", p.CreditCode)
		assert.Equal(t, "440305", p.Region)
		assert.Equal(t, "C3812", p.Industry)
		require.NotNil(t, p.Established)
		assert.Equal(t, smetier.MustDate("2015-03-18"), *p.Established)
		require.NotNil(t, p.MainlandLegalPerson)
		assert.True(t, *p.MainlandLegalPerson)

		require.Len(t, p.Years, 3)
		fy := p.Years[2025]
		require.NotNil(t, fy.OperatingRevenue)
		assert.Equal(t, smetier.Wan(6830), *fy.OperatingRevenue)
		assert.Equal(t, smetier.Yuan(65_568_000), *fy.MainRevenue)
		assert.Equal(t, smetier.Yuan(4_098_000), *fy.RDExpense)
		assert.Equal(t, 221, *fy.Employees)
		assert.Equal(t, 52, *fy.RDStaff)

		require.Len(t, p.IP, 4)
		assert.Equal(t, smetier.InventionPatent, p.IP[0].Kind)
		assert.Equal(t, smetier.SoftwareCopyright, p.IP[3].Kind)
		require.NotNil(t, p.IP[0].TransferredIn)
		assert.False(t, *p.IP[0].TransferredIn)
		assert.Nil(t, p.IP[0].TransferredOn)
		assert.Nil(t, p.IP[0].HighValue, "absent in the file")

		assert.NotNil(t, p.Awards, `"awards": [] is supplied`)
		assert.Empty(t, p.Awards)
		assert.NotNil(t, p.Financing, `"financing": [] is supplied`)
		assert.Empty(t, p.Financing)
		require.Len(t, p.RDInstitutions, 1)
		assert.Equal(t, smetier.Municipal, p.RDInstitutions[0].Level)
		assert.False(t, p.RDInstitutions[0].Joint)
		require.Len(t, p.Certifications, 2)
		assert.NotNil(t, p.Certifications[1].Expires)
		assert.Equal(t, smetier.HighTechEnterprise, p.Certifications[1].Kind)

		require.NotNil(t, p.DigitalLevel)
		assert.Equal(t, 2, *p.DigitalLevel)
		require.NotNil(t, p.Segment)
		require.NotNil(t, p.Segment.MarketSharePct)
		assert.Equal(t, 6.5, *p.Segment.MarketSharePct)
		assert.Equal(t, 5, *p.Segment.NationalRank)
		assert.Nil(t, p.Segment.GlobalRank)
		require.NotNil(t, p.MainProduct)
		assert.Nil(t, p.MainProduct.TimeHonoredBrand)

		require.Len(t, p.Titles, 1)
		assert.Equal(t, smetier.TitleInnovativeSME, p.Titles[0].Kind)
		assert.Equal(t, smetier.MustDate("2024-06-01"), p.Titles[0].Issued)

		require.NotNil(t, p.Compliance)
		assert.NotNil(t, p.Compliance.Incidents, `"incidents": [] is a clean record`)
		assert.Empty(t, p.Compliance.Incidents)
		assert.Equal(t, map[int]float64{2026: 68}, p.EvaluationScores)
	})

	t.Run("valid", func(t *testing.T) {
		assert.NoError(t, p.Validate())
	})

	t.Run("round trip", func(t *testing.T) {
		back, b := roundTrip(t, p)
		assert.Equal(t, p, back)
		// Encoding is stable.
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.Equal(t, string(b), string(b2))
		// Nothing the file says is lost: the re-encoding is semantically the file.
		assert.JSONEq(t, string(raw), string(b))
	})
}

// Every profile shipped in testdata decodes strictly and round-trips.
func TestProfileJSONTestdataRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "profiles", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			require.NoError(t, err)
			p := decodeStrict(t, raw)
			back, b := roundTrip(t, p)
			assert.Equal(t, p, back)
			assert.JSONEq(t, string(raw), string(b))
		})
	}
}

func TestProfileJSONAbsentIsNotZero(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		check   func(t *testing.T, p *smetier.Profile)
		encoded string // the exact re-encoding
	}{
		{
			name:    "empty ip list is supplied",
			in:      `{"ip":[]}`,
			check:   func(t *testing.T, p *smetier.Profile) { require.NotNil(t, p.IP); assert.Empty(t, p.IP) },
			encoded: `{"ip":[]}`,
		},
		{
			name:    "absent ip is unknown",
			in:      `{}`,
			check:   func(t *testing.T, p *smetier.Profile) { assert.Nil(t, p.IP) },
			encoded: `{}`,
		},
		{
			name:    "null ip is unknown",
			in:      `{"ip":null}`,
			check:   func(t *testing.T, p *smetier.Profile) { assert.Nil(t, p.IP) },
			encoded: `{}`,
		},
		{
			name:    "empty years map is supplied",
			in:      `{"years":{}}`,
			check:   func(t *testing.T, p *smetier.Profile) { require.NotNil(t, p.Years); assert.Empty(t, p.Years) },
			encoded: `{"years":{}}`,
		},
		{
			name:    "absent years is unknown",
			in:      `{"name":"x"}`,
			check:   func(t *testing.T, p *smetier.Profile) { assert.Nil(t, p.Years) },
			encoded: `{"name":"x"}`,
		},
		{
			name: "rd_expense 0 is a known zero",
			in:   `{"years":{"2025":{"rd_expense":0}}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				fy, ok := p.Years[2025]
				require.True(t, ok)
				require.NotNil(t, fy.RDExpense)
				assert.Equal(t, smetier.Money(0), *fy.RDExpense)
				assert.Nil(t, fy.OperatingRevenue)
				assert.Nil(t, fy.Employees)
			},
			encoded: `{"years":{"2025":{"rd_expense":0}}}`,
		},
		{
			name: "rd_expense absent is unknown",
			in:   `{"years":{"2025":{}}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				fy, ok := p.Years[2025]
				require.True(t, ok, "the year itself is supplied")
				assert.Nil(t, fy.RDExpense)
			},
			encoded: `{"years":{"2025":{}}}`,
		},
		{
			name: "rd_expense null is unknown",
			in:   `{"years":{"2025":{"rd_expense":null}}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				assert.Nil(t, p.Years[2025].RDExpense)
			},
			encoded: `{"years":{"2025":{}}}`,
		},
		{
			name: "zero employees and rd staff are known",
			in:   `{"years":{"2024":{"employees":0,"rd_staff":0}}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.Years[2024].Employees)
				assert.Equal(t, 0, *p.Years[2024].Employees)
				require.NotNil(t, p.Years[2024].RDStaff)
			},
			encoded: `{"years":{"2024":{"employees":0,"rd_staff":0}}}`,
		},
		{
			name: "false flag is known",
			in:   `{"mainland_legal_person":false}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.MainlandLegalPerson)
				assert.False(t, *p.MainlandLegalPerson)
			},
			encoded: `{"mainland_legal_person":false}`,
		},
		{
			name: "digital level 0 is supplied (and invalid), not unknown",
			in:   `{"digital_level":0}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.DigitalLevel)
				assert.Equal(t, 0, *p.DigitalLevel)
				assert.ErrorIs(t, p.Validate(), smetier.ErrInvalidProfile)
			},
			encoded: `{"digital_level":0}`,
		},
		{
			name: "empty evaluation scores are supplied",
			in:   `{"evaluation_scores":{}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.EvaluationScores)
				assert.Empty(t, p.EvaluationScores)
			},
			encoded: `{"evaluation_scores":{}}`,
		},
		{
			name: "clean compliance record vs unknown incidents",
			in:   `{"compliance":{"incidents":[]}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.Compliance)
				require.NotNil(t, p.Compliance.Incidents)
				assert.Empty(t, p.Compliance.Incidents)
				assert.Nil(t, p.Compliance.AbnormalList)
			},
			encoded: `{"compliance":{"incidents":[]}}`,
		},
		{
			name: "compliance without incidents",
			in:   `{"compliance":{}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.Compliance)
				assert.Nil(t, p.Compliance.Incidents)
			},
			encoded: `{"compliance":{}}`,
		},
		{
			name: "every empty list is kept",
			in:   `{"awards":[],"rd_institutions":[],"certifications":[],"financing":[],"titles":[]}`,
			check: func(t *testing.T, p *smetier.Profile) {
				assert.NotNil(t, p.Awards)
				assert.NotNil(t, p.RDInstitutions)
				assert.NotNil(t, p.Certifications)
				assert.NotNil(t, p.Financing)
				assert.NotNil(t, p.Titles)
				assert.Nil(t, p.IP)
			},
			encoded: `{"awards":[],"rd_institutions":[],"certifications":[],"financing":[],"titles":[]}`,
		},
		{
			name: "null established is unknown",
			in:   `{"established":null}`,
			check: func(t *testing.T, p *smetier.Profile) {
				assert.Nil(t, p.Established)
			},
			encoded: `{}`,
		},
		{
			name: "market share 0 is known",
			in:   `{"segment":{"market_share_pct":0}}`,
			check: func(t *testing.T, p *smetier.Profile) {
				require.NotNil(t, p.Segment)
				require.NotNil(t, p.Segment.MarketSharePct)
				assert.Zero(t, *p.Segment.MarketSharePct)
			},
			encoded: `{"segment":{"market_share_pct":0}}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := decodeStrict(t, []byte(tt.in))
			tt.check(t, p)
			b, err := json.Marshal(p)
			require.NoError(t, err)
			assert.Equal(t, tt.encoded, string(b))
			back := decodeStrict(t, b)
			assert.Equal(t, p, back)
			tt.check(t, back)
		})
	}

	t.Run("zero profile encodes as {}", func(t *testing.T) {
		b, err := json.Marshal(smetier.Profile{})
		require.NoError(t, err)
		assert.Equal(t, `{}`, string(b))
	})
}

func TestProfileJSONDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"amount with three decimals", `{"years":{"2025":{"operating_revenue":1.234}}}`},
		{"amount with exponent", `{"years":{"2025":{"operating_revenue":1e7}}}`},
		{"impossible date", `{"established":"2025-02-30"}`},
		{"date in another format", `{"established":"2025/02/01"}`},
		{"year key not a number", `{"years":{"twenty":{}}}`},
		{"evaluation score year not a number", `{"evaluation_scores":{"x":1}}`},
		{"ip not a list", `{"ip":{}}`},
		{"financing date missing format", `{"financing":[{"date":"yesterday","amount":1}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p smetier.Profile
			assert.Error(t, json.Unmarshal([]byte(tt.in), &p))
		})
	}
}

func TestIPKindClass(t *testing.T) {
	tests := []struct {
		kind smetier.IPKind
		want int
	}{
		{smetier.InventionPatent, 1},
		{smetier.DefensePatent, 1},
		{smetier.PlantVariety, 1},
		{smetier.CropVariety, 1},
		{smetier.NewDrug, 1},
		{smetier.ProtectedTCM, 1},
		{smetier.ICLayout, 1},
		{smetier.UtilityModel, 2},
		{smetier.DesignPatent, 2},
		{smetier.SoftwareCopyright, 2},
		{"", 0},
		{"trademark", 0},
		{"INVENTION_PATENT", 0},
		{"invention_patent ", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.kind.Class())
		})
	}
	t.Run("wire names", func(t *testing.T) {
		assert.Equal(t, smetier.IPKind("invention_patent"), smetier.InventionPatent)
		assert.Equal(t, smetier.IPKind("utility_model"), smetier.UtilityModel)
		assert.Equal(t, smetier.IPKind("software_copyright"), smetier.SoftwareCopyright)
	})
}

func TestLevelRank(t *testing.T) {
	tests := []struct {
		level smetier.Level
		want  int
	}{
		{smetier.National, 4}, {smetier.Provincial, 3}, {smetier.Municipal, 2}, {smetier.District, 1},
		{"", 0}, {"county", 0}, {"National", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.level), func(t *testing.T) {
			assert.Equal(t, tt.want, tt.level.Rank())
		})
	}
}

func TestTitleValidOn(t *testing.T) {
	issued := smetier.MustDate("2024-06-01")
	expires := smetier.MustDate("2027-05-31")
	withExpiry := smetier.Title{Kind: smetier.TitleInnovativeSME, Issued: issued, Expires: &expires}
	noExpiry := smetier.Title{Kind: smetier.TitleLittleGiant, Issued: issued}
	revoked := withExpiry
	revoked.Revoked = true
	revokedNoExpiry := noExpiry
	revokedNoExpiry.Revoked = true

	tests := []struct {
		name      string
		title     smetier.Title
		on        string
		wantValid bool
		wantOK    bool
	}{
		{"before issue", withExpiry, "2024-05-31", false, true},
		{"long before issue", withExpiry, "2000-01-01", false, true},
		{"on issue date", withExpiry, "2024-06-01", true, true},
		{"mid validity", withExpiry, "2026-01-01", true, true},
		{"on expiry date", withExpiry, "2027-05-31", true, true},
		{"day after expiry", withExpiry, "2027-06-01", false, true},
		{"no expiry, before issue", noExpiry, "2024-05-31", false, true},
		{"no expiry, on issue date", noExpiry, "2024-06-01", false, false},
		{"no expiry, later", noExpiry, "2030-01-01", false, false},
		{"revoked, within validity", revoked, "2025-01-01", false, true},
		{"revoked, on issue date", revoked, "2024-06-01", false, true},
		{"revoked without expiry", revokedNoExpiry, "2025-01-01", false, true},
		{"single-day title", smetier.Title{Issued: issued, Expires: &issued}, "2024-06-01", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			valid, ok := tt.title.ValidOn(smetier.MustDate(tt.on))
			assert.Equal(t, tt.wantValid, valid, "valid")
			assert.Equal(t, tt.wantOK, ok, "ok")
			if !ok {
				assert.False(t, valid, "an unknown answer is never reported as valid")
			}
		})
	}
}

func TestTierRankAndOrder(t *testing.T) {
	tiers := smetier.Tiers()
	require.Equal(t, []smetier.Tier{smetier.Innovative, smetier.Specialized, smetier.LittleGiant, smetier.Champion}, tiers)
	for i, tier := range tiers {
		assert.Equal(t, i+1, tier.Rank(), tier)
	}
	for _, unknown := range []smetier.Tier{"", "tech_sme", "Champion", "little-giant"} {
		assert.Zero(t, unknown.Rank(), unknown)
	}

	t.Run("Tiers returns a fresh slice", func(t *testing.T) {
		s := smetier.Tiers()
		s[0] = "mutated"
		assert.Equal(t, smetier.Innovative, smetier.Tiers()[0])
		assert.Equal(t, 1, smetier.Innovative.Rank())
	})
}

func TestParseTier(t *testing.T) {
	valid := []struct {
		in   string
		want smetier.Tier
	}{
		{"innovative_sme", smetier.Innovative},
		{"specialized_sme", smetier.Specialized},
		{"little_giant", smetier.LittleGiant},
		{"champion", smetier.Champion},
	}
	for _, tt := range valid {
		t.Run(tt.in, func(t *testing.T) {
			got, err := smetier.ParseTier(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	for _, in := range []string{"", "tech_sme", "Champion", "little giant", " champion", "innovative"} {
		t.Run("invalid/"+in, func(t *testing.T) {
			got, err := smetier.ParseTier(in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.Contains(t, err.Error(), "unknown tier")
		})
	}
}

func TestTierTitleKind(t *testing.T) {
	assert.Equal(t, smetier.TitleInnovativeSME, smetier.Innovative.TitleKind())
	assert.Equal(t, smetier.TitleSpecializedSME, smetier.Specialized.TitleKind())
	assert.Equal(t, smetier.TitleLittleGiant, smetier.LittleGiant.TitleKind())
	assert.Equal(t, smetier.TitleChampion, smetier.Champion.TitleKind())
}

func TestTierAndStatusTitles(t *testing.T) {
	for _, tier := range smetier.Tiers() {
		title := tier.Title()
		assert.NotEmpty(t, title.Zh, tier)
		assert.NotEmpty(t, title.En, tier)
		assert.NotEqual(t, string(tier), title.En, tier)
	}
	assert.Equal(t, smetier.Text{Zh: "bogus", En: "bogus"}, smetier.Tier("bogus").Title())

	for _, s := range []smetier.Status{smetier.Qualified, smetier.NotQualified, smetier.NeedsData, smetier.NeedsJudgement} {
		title := s.Title()
		assert.NotEmpty(t, title.Zh, s)
		assert.NotEmpty(t, title.En, s)
	}
	assert.Equal(t, "符合", smetier.Qualified.Title().In("zh"))
	assert.Equal(t, smetier.Text{Zh: "maybe", En: "maybe"}, smetier.Status("maybe").Title())
}

func TestTextIn(t *testing.T) {
	both := smetier.Text{Zh: "专精特新", En: "specialized"}
	zhOnly := smetier.Text{Zh: "专精特新"}
	tests := []struct {
		name string
		text smetier.Text
		lang string
		want string
	}{
		{"en", both, "en", "specialized"},
		{"zh", both, "zh", "专精特新"},
		{"empty lang", both, "", "专精特新"},
		{"other lang", both, "fr", "专精特新"},
		{"case-sensitive", both, "EN", "专精特新"},
		{"region tag", both, "en-US", "专精特新"},
		{"en missing falls back to zh", zhOnly, "en", "专精特新"},
		{"zh only, zh", zhOnly, "zh", "专精特新"},
		{"zero text", smetier.Text{}, "en", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.text.In(tt.lang))
		})
	}
}
