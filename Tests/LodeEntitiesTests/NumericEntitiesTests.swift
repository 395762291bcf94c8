import Foundation
import LodeEntities
import Testing

@Suite struct NumericEntitiesTests {
    private func found(_ text: String) -> [String] {
        NumericEntities.find(in: text).map { "\($0.kind.rawValue) \($0.text) = \($0.value)" }
    }

    @Test func theSeedsAmountsAndShares() {
        #expect(found("Industrial output of the sector in Baotou exceeded 14 billion yuan (2.1 billion U.S. dollars) last year.") == [
            "MONEY 14 billion yuan = 14000000000 CNY", "MONEY 2.1 billion U.S. dollars = 2100000000 USD",
        ])
        #expect(found("China is the source of over 90 percent of rare earths bought worldwide.") == ["PERCENT over 90 percent = >90%"])
        #expect(found("covering 70 percent of the key labs") == ["PERCENT 70 percent = 70%"])
        #expect(found("with more than 60 major companies") == ["CARDINAL more than 60 = >60"])
    }

    @Test func currencySignsUnitsAndWords() {
        #expect(found("The deal is worth $5.3 billion, or €4.9 billion.") == [
            "MONEY $5.3 billion = 5300000000 USD", "MONEY €4.9 billion = 4900000000 EUR",
        ])
        #expect(found("up to 3,000 tonnes a year and 12.5 per cent more") == [
            "QUANTITY up to 3,000 tonnes = <=3000 tonne", "PERCENT 12.5 per cent = 12.5%",
        ])
        #expect(found("Two companies sold 52,000 bags in 1987.") == ["CARDINAL Two = 2", "QUANTITY 52,000 bags = 52000 bag"])
        #expect(found("稀土 prices rose 8% in Baotou") == ["PERCENT 8% = 8%"])
    }

    @Test func textWithoutNumbersHasNone() {
        #expect(found("").isEmpty)
        #expect(found("!!! ... ---").isEmpty)
        #expect(found("In 2016 the alliance was formed.").isEmpty)
    }
}
