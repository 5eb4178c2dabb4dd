package wire

import (
	"context"
	"errors"
	"strings"

	"github.com/smetier/smetier"
	"github.com/smetier/smetier/classify"
	"github.com/smetier/smetier/region"
)

// Error codes, the same for the command line and the HTTP API.
const (
	CodeInvalidJSON    = "invalid_json"
	CodeInvalidProfile = "invalid_profile"
	CodeUnknownRegion  = "unknown_region"
	CodeTooLarge       = "too_large"
	CodeBadRequest     = "bad_request"
	CodeInternal       = "internal"
)

// Error is the body of every error the command line and the HTTP API report:
// {"code": "...", "message": "...", "fields": [{"path": "...", "message": "..."}]}.
type Error struct {
	Code    string  `json:"code"`
	Message string  `json:"message"`
	Fields  []Field `json:"fields,omitempty"`
}

// Field is one invalid field of a profile, by its JSON path (e.g. "years.2025.main_revenue").
type Field struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Describe turns an error from DecodeProfile or classify.Engine.Classify into the error body.
func Describe(err error) *Error {
	var se *SyntaxError
	var ve *smetier.ValidationError
	var we *Error
	switch {
	case errors.As(err, &we):
		return we
	case errors.As(err, &se):
		return &Error{Code: CodeInvalidJSON, Message: se.Msg}
	case errors.As(err, &ve):
		e := &Error{Code: CodeInvalidProfile}
		var parts []string
		for _, f := range ve.Fields {
			e.Fields = append(e.Fields, Field{Path: f.Path, Message: f.Msg})
			if f.Path == "" {
				parts = append(parts, f.Msg)
			} else {
				parts = append(parts, f.Path+": "+f.Msg)
			}
		}
		e.Message = "invalid profile: " + strings.Join(parts, "; ")
		return e
	case errors.Is(err, classify.ErrNoRegion):
		return &Error{Code: CodeInvalidProfile, Message: "invalid profile: region: no region given: set the profile's region or pass a region",
			Fields: []Field{{Path: "region", Message: "required: no region given"}}}
	case errors.Is(err, region.ErrUnknownRegion):
		return &Error{Code: CodeUnknownRegion, Message: err.Error()}
	case errors.Is(err, smetier.ErrInvalidProfile):
		return &Error{Code: CodeInvalidProfile, Message: err.Error()}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: CodeInternal, Message: err.Error()}
	}
	return &Error{Code: CodeInternal, Message: err.Error()}
}
