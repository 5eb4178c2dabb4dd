package smetier_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/smetier/smetier"
)

// Amounts are parsed from their decimal text, so a figure exactly on a threshold compares equal
// to it.
func ExampleParseMoney() {
	m, err := smetier.ParseMoney("15000000")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m, m.Fen(), m.Wan(), m == smetier.Wan(1500))

	_, err = smetier.ParseMoney("1.234")
	fmt.Println(err)
	// Output:
	// 15000000.00 1500000000 1500 true
	// amount "1.234": more than two decimals (fen is the smallest unit)
}

// In JSON an amount is a number in yuan with no more decimals than needed.
func ExampleMoney_MarshalJSON() {
	for _, m := range []smetier.Money{smetier.Fen(150000), smetier.Fen(150050), smetier.Fen(150055)} {
		b, _ := json.Marshal(m)
		fmt.Println(string(b))
	}
	// Output:
	// 1500
	// 1500.5
	// 1500.55
}

func ExampleValidateCreditCode() {
	fmt.Println(smetier.ValidateCreditCode("91350100M000100Y43"))

	err := smetier.ValidateCreditCode("91350100M000100Y44")
	fmt.Println(errors.Is(err, smetier.ErrCreditCode))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// unified social credit code "91350100M000100Y44": check character is '4', want '3'
}

// FullYearsUntil counts whole years; an enterprise founded on 29 February has its anniversary on
// 28 February in common years.
func ExampleDate_FullYearsUntil() {
	founded := smetier.MustDate("2020-02-29")
	fmt.Println(founded.FullYearsUntil(smetier.MustDate("2023-02-27")))
	fmt.Println(founded.FullYearsUntil(smetier.MustDate("2023-02-28")))
	fmt.Println(founded.AddYears(3))
	// Output:
	// 2
	// 3
	// 2023-02-28
}

// A title without an expiry date cannot be confirmed valid: ok is false.
func ExampleTitle_ValidOn() {
	expires := smetier.MustDate("2027-05-31")
	t := smetier.Title{Kind: smetier.TitleInnovativeSME, Issued: smetier.MustDate("2024-06-01"), Expires: &expires}
	fmt.Println(t.ValidOn(smetier.MustDate("2027-05-31")))
	fmt.Println(t.ValidOn(smetier.MustDate("2027-06-01")))

	t.Expires = nil
	fmt.Println(t.ValidOn(smetier.MustDate("2026-01-01")))
	// Output:
	// true true
	// false true
	// false false
}

// Validate reports every problem with its JSON path.
func ExampleProfile_Validate() {
	p := smetier.Profile{Region: "12345", Industry: "C3484", DigitalLevel: new(5)}
	err := p.Validate()
	var ve *smetier.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path)
		}
	}
	fmt.Println(errors.Is(err, smetier.ErrInvalidProfile))
	// Output:
	// region
	// digital_level
	// true
}
