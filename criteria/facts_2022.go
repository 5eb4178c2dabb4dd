package criteria

// facts2022 returns the facts only the 2022 regime (工信部企业〔2022〕63号) needs.
func facts2022() []Fact { return nil }
