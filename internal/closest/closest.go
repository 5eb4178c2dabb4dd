// Package closest suggests the name a user probably meant when they mistyped one: a fact in a
// rule expression, a key in a profile. It is shared by the rule loader and the JSON decoder so
// that both judge "close enough" the same way.
package closest

// Name returns the candidate nearest to name in edit distance (Levenshtein, over runes, so a
// mistyped Chinese character counts once), if that distance is below limit; ties go to the
// earliest candidate. It returns "" when nothing is that close.
func Name(name string, candidates []string, limit int) string {
	best, bestD := "", limit
	for _, c := range candidates {
		if d := Distance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
