package screen_test

import (
	"context"
	"fmt"
	"log"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/screen"
)

// Screen the bundled sample workbook and print the funnel and the closest seed.
func Example() {
	src, err := screen.Open("../testdata/screen/sample.xlsx")
	if err != nil {
		log.Fatal(err)
	}
	defer src.Close()
	res, err := screen.Run(context.Background(), src, screen.AsOf(smetier.MustDate("2026-06-15")))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("screened:", res.Screened, "errors:", res.Errors)
	for k, r := range res.Rungs {
		c := res.Funnel[k]
		fmt.Printf("%-16s qualified %2d  not %2d  data %2d  judgement %2d  held %2d\n", r.Key, c.Qualified, c.NotQualified, c.NeedsData, c.NeedsJudgement, c.Held)
	}
	seed := res.Enterprise(res.Seeds[0])
	fmt.Println("closest seed:", seed.Name, "→", seed.Next, seed.NextStatus, *seed.Distance)
	fmt.Println("renewals due:", len(res.Renewals))
	// Output:
	// screened: 20 errors: 0
	// sd_gazelle       qualified  0  not  0  data  2  judgement  1  held  0
	// js_pool          qualified  0  not  1  data  0  judgement  1  held  0
	// innovative_sme   qualified  8  not  8  data  4  judgement  0  held  8
	// specialized_sme  qualified  0  not 12  data  4  judgement  4  held  6
	// zj_hidden_champion qualified  0  not  2  data  2  judgement  1  held  0
	// little_giant     qualified  0  not 16  data  4  judgement  0  held  1
	// sd_champion      qualified  0  not  2  data  1  judgement  0  held  0
	// hb_champion      qualified  0  not  1  data  1  judgement  3  held  0
	// gd_champion      qualified  0  not  2  data  1  judgement  0  held  0
	// champion         qualified  0  not  9  data  7  judgement  4  held  0
	// closest seed: 深圳市精研微电机·003 → specialized_sme needs_judgement {0 0 0}
	// renewals due: 9
}
