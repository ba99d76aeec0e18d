/// Text for figures. Titles and labels are drawn without gnuplot's enhanced-text markup (so
/// `_` and `^` print as themselves), which leaves exponents to Unicode.
public enum Typography {
    /// An integer in superscript digits: `superscript(10)` is "¹⁰", for "k¹⁰" in a label.
    public static func superscript(_ value: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (value < 0 ? "⁻" : "") + String(String(abs(value)).map { digits[Int(String($0))!] })
    }
}
