import { describe, expect, it } from "vitest";
import { canonicalize } from "@/lib/text/canonical";
import { sha256Hex, sha256HexBytes } from "@/lib/text/hash";

// Expected values computed independently with coreutils while writing this test, e.g.
//   printf 'abc' | sha256sum
//   echo f09f91a9…a0808b | xxd -r -p | sha256sum
describe("sha256Hex (of the text's UTF-8 bytes)", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    // ZWJ family, Arabic with harakat, decomposed é, astral CJK — NFD kept as it is.
    ["👩‍👩‍👧 مُحَمَّد e\u0301 𠀋", "09f1bf586a12ceb77f13b4f2b650f9e792a90d570a5b7f3e6c2158af76007703"],
  ])("%j", (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });

  it("hashes canonical text: CRLF/CR origin gives the LF hash (printf … | tr '\\r' '\\n' | sha256sum)", () => {
    expect(sha256Hex(canonicalize("line one\r\nline two\rline three\n"))).toBe(
      "bce2aeea9e6fc31f09b164dbaf832b013ee75fbd323262cbee9d42b8b51077b1",
    );
  });

  it("hashes bytes as given", () => {
    expect(sha256HexBytes(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256Hex("abc"));
    expect(sha256HexBytes(new Uint8Array())).toBe(sha256Hex(""));
  });
});
