package smetier

// Question is a missing input worth asking for next, with what answering it could settle.
//
// Report.NextQuestions ranks the missing inputs of the open verdicts (needs_data or
// needs_judgement with inputs missing) of every tier and local program:
//
//  1. inputs the enterprise can supply before those only an authority can (Official);
//  2. then by Settles, the number of open verdicts that miss the input: its answer can
//     decide each of them, or bring it nearer a decision;
//  3. then by Decides, the number of those verdicts in which it is the only input missing,
//     whose answer therefore settles them outright;
//  4. then by Criteria, the number of undecided criteria across those verdicts that name it;
//  5. ties keep the order in which the inputs first appear in the report (ladder order of
//     the verdicts, then the order of each verdict's Missing), so the ranking is deterministic.
type Question struct {
	Input
	// Verdicts names the open verdicts (tier or program ids) that miss the input, in ladder order.
	Verdicts []string `json:"verdicts"`
	Settles  int      `json:"settles"`
	Decides  int      `json:"decides"`
	Criteria int      `json:"criteria"`
}
