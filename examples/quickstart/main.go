// Command quickstart judges a realistic enterprise against the embedded national rules and prints
// the explained report.
//
//	go run ./examples/quickstart            # Chinese
//	go run ./examples/quickstart -lang en   # English
//	go run ./examples/quickstart -json      # the report as JSON
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	lang := fs.String("lang", "zh", "report language: zh or en")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	asOf := fs.String("as-of", "2026-06-15", "date of judgement (YYYY-MM-DD)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	date, err := smetier.ParseDate(*asOf)
	if err != nil {
		return err
	}
	// The engine compiles the embedded rule catalog once; share it between goroutines.
	eng, err := classify.New()
	if err != nil {
		return err
	}
	rep, err := eng.Classify(context.Background(), profile(), classify.AsOf(date))
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rep)
	}
	return rep.WriteText(w, *lang)
}

// profile is a micro-motor maker in Shenzhen's Nanshan district. Amounts are exact yuan; every
// field left nil is "not supplied", which the report turns into "needs data" where it matters.
func profile() *smetier.Profile {
	yes, no := true, false
	yuan := func(n int64) *smetier.Money { return new(smetier.Yuan(n)) }
	return &smetier.Profile{
		Name:                "深圳市精研微电机有限公司",
		CreditCode:          "91440300MA5F0XKQ86",
		Region:              "440305",
		Industry:            "C3812", // GB/T 4754-2017: 电动机制造
		Established:         new(smetier.MustDate("2015-03-18")),
		MainlandLegalPerson: &yes,
		Years: map[int]smetier.FiscalYear{
			2023: {OperatingRevenue: yuan(52_000_000), MainRevenue: yuan(49_400_000), RDExpense: yuan(2_860_000),
				TotalAssets: yuan(61_000_000), TotalLiabilities: yuan(30_500_000), Employees: new(186), RDStaff: new(41)},
			2024: {OperatingRevenue: yuan(60_500_000), MainRevenue: yuan(57_475_000), RDExpense: yuan(3_630_000),
				TotalAssets: yuan(70_200_000), TotalLiabilities: yuan(33_000_000), Employees: new(204), RDStaff: new(47)},
			2025: {OperatingRevenue: yuan(68_300_000), MainRevenue: yuan(65_568_000), RDExpense: yuan(4_098_000),
				TotalAssets: yuan(80_100_000), TotalLiabilities: yuan(36_045_000), Employees: new(221), RDStaff: new(52)},
		},
		IP: []smetier.IPRight{
			{Number: "ZL202010123456.7", Kind: smetier.InventionPatent, Granted: new(smetier.MustDate("2021-06-01")),
				TransferredIn: &no, OwnerRank: new(1), MainProduct: &yes, AppliedWithBenefit: &yes},
			{Number: "ZL202110234567.8", Kind: smetier.InventionPatent, Granted: new(smetier.MustDate("2022-09-15")),
				TransferredIn: &no, OwnerRank: new(1), MainProduct: &yes, AppliedWithBenefit: &yes},
			{Number: "ZL202220345678.9", Kind: smetier.UtilityModel, Granted: new(smetier.MustDate("2022-11-20")),
				TransferredIn: &no, OwnerRank: new(1), MainProduct: &yes, AppliedWithBenefit: &yes},
		},
		Awards:         []smetier.Award{},
		RDInstitutions: []smetier.RDInstitution{{Name: "深圳市微电机工程技术研究中心", Level: smetier.Municipal}},
		Certifications: []smetier.Certification{
			{Kind: smetier.QualityManagementCert, Name: "ISO 9001", Issued: new(smetier.MustDate("2023-05-01")), Expires: new(smetier.MustDate("2026-04-30"))},
		},
		DigitalLevel: new(2),
		Financing:    []smetier.Financing{},
		Segment: &smetier.Segment{Name: "微型精密步进电机", Since: new(smetier.MustDate("2016-01-01")),
			MarketSharePct: new(6.5), NationalRank: new(5)},
		MainProduct: &smetier.MainProduct{Name: "微型精密步进电机", SixBasics: &yes, StrategicEmerging: &yes, KeyChainLink: &yes, OwnBrand: &yes},
		Titles: []smetier.Title{
			{Kind: smetier.TitleInnovativeSME, Level: smetier.Provincial, Issued: smetier.MustDate("2024-06-01"), Expires: new(smetier.MustDate("2027-05-31"))},
		},
		Compliance:       &smetier.Compliance{AbnormalList: &no, SeriousDishonesty: &no, Incidents: []smetier.Incident{}, ProhibitedProduct: &no},
		EvaluationScores: map[int]float64{2026: 68},
	}
}
