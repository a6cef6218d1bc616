import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFix, assertClean, assertSays, diagnosticsOf, fixesOf, fmt, rangeOf } from './ruleTestKit';

const text = 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERISON}-alpine\n';

test('undefined-arg-in-from: a FROM variable no global ARG declares', () => {
  const [d] = diagnosticsOf('undefined-arg-in-from', text);
  assert.equal(fmt(d.range), fmt(rangeOf(text, '${GO_VERISON}')));
  assert.equal(d.severity, 2);
  assertSays(d, 'undefinedDidYouMean', { name: 'GO_VERISON', candidates: ['GO_VERSION'] });
  const platform = 'FROM --platform=$PLATFORM alpine\n';
  assertSays(diagnosticsOf('undefined-arg-in-from', platform)[0], 'undefined', { name: 'PLATFORM', candidates: [] });
});

test('undefined-arg-in-from: declared, automatic and defaulted variables are silent', () => {
  assertClean('ARG A\nARG B C\nFROM --platform=$BUILDPLATFORM img:$A-$B-$C\nFROM img:${D:-x}\nFROM img:$TARGETARCH\n', ['undefined-arg-in-from']);
});

test('undefined-arg-in-from: the fixes correct the name or declare it; the results are clean', () => {
  assert.deepEqual(fixesOf('undefined-arg-in-from', text).map((f) => [f.title, !!f.isPreferred]), [["Change to 'GO_VERSION'", true], ["Declare 'ARG GO_VERISON' before the first FROM", false]]);
  const corrected = applyFix('undefined-arg-in-from', text, "Change to 'GO_VERSION'");
  assert.equal(corrected, 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine\n');
  assertClean(corrected);
  const declared = applyFix('undefined-arg-in-from', text, "Declare 'ARG GO_VERISON' before the first FROM");
  assert.equal(declared, 'ARG GO_VERSION=1.22\nARG GO_VERISON\nFROM golang:${GO_VERISON}-alpine\n');
  assertClean(declared, ['undefined-arg-in-from']);
  const none = applyFix('undefined-arg-in-from', 'FROM img:$X\n', "Declare 'ARG X' before the first FROM");
  assert.equal(none, 'ARG X\nFROM img:$X\n');
});
