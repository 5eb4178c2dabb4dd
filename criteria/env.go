package criteria

import (
	"cel.dev/cel-go/cel"
)

// newEnv declares every fact as a typed CEL variable. Numeric comparisons across int and double
// are allowed so that rules can write thresholds as in the text ("fy1.operating_revenue >= 1500").
func newEnv() (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.CrossTypeNumericComparisons(true),
		cel.DefaultUTCTimeZone(true),
	}
	for _, f := range factList {
		opts = append(opts, cel.Variable(f.Name, f.Type.celType()))
	}
	return cel.NewEnv(opts...)
}
