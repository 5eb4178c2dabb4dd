package screen

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// List rows join their enterprise wherever they are in the sheet: interleaved with other
// enterprises' rows, before or after them, in lower case; each enterprise gets its rows in
// sheet order, and a bad cell is reported at its own row.
func TestListRowsInAnyOrder(t *testing.T) {
	c1, c2, c3 := creditCode(1, "420111"), creditCode(2, "420111"), creditCode(3, "420111")
	orphan := creditCode(4, "420111")
	data := writeSheets(t, map[string][][]any{
		"企业": {{"代码", "名称"}, {"credit_code", "name"},
			{c1, "one"}, {c2, "two"}, {c3, "three"}},
		"知识产权": {{"代码", "编号", "类型"}, {"credit_code", "number", "kind"},
			{c3, "c3-a", "utility_model"},
			{c2, "c2-a", "invention_patent"},
			{" " + c3 + " ", "c3-b", "design_patent"},
			{},
			{c2, "c2-b", "no such kind"},
			{strings.ToLower(c2), "c2-c", "utility_model"},
			{c3, "c3-c", "software_copyright"},
			{orphan, "o-a", "utility_model"},
		},
	})
	recs := readAll(t, must(ReadXLSX(bytes.NewReader(data))))
	require.Len(t, recs, 4)
	assert.NoError(t, recs[0].Err)
	assert.Nil(t, recs[0].Profile.IP, "no rows: unknown")

	var re *RecordError
	require.ErrorAs(t, recs[1].Err, &re)
	require.Len(t, re.Cells, 1)
	assert.Equal(t, [3]any{7, "C", "kind"}, [3]any{re.Cells[0].Row, re.Cells[0].Column, re.Cells[0].Header})

	require.NoError(t, recs[2].Err)
	var numbers []string
	for _, ip := range recs[2].Profile.IP {
		numbers = append(numbers, ip.Number)
	}
	assert.Equal(t, []string{"c3-a", "c3-b", "c3-c"}, numbers)
	var rows []string
	for i := range numbers {
		c := recs[2].loc.cell("ip[" + strconv.Itoa(i) + "].number")
		rows = append(rows, c.Sheet+"!"+c.Column+strconv.Itoa(c.Row))
	}
	assert.Equal(t, []string{"知识产权!B3", "知识产权!B5", "知识产权!B9"}, rows)

	require.ErrorAs(t, recs[3].Err, &re)
	assert.Equal(t, "知识产权", recs[3].Sheet)
	assert.Equal(t, 10, recs[3].Row)
	assert.Equal(t, "sheet 知识产权, row 10, column A (credit_code): no enterprise with credit code "+orphan+" in sheet 企业", re.Error())
}
