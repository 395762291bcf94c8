import LodeEntities
import Testing

@Suite struct DateMentionsTests {
    private let published = DateMentions.Day(year: 2016, month: 8, day: 10)

    private func found(_ text: String, _ date: DateMentions.Day? = nil) -> [String] {
        DateMentions.find(in: text, documentDate: date).map { "\($0.text) = \($0.value ?? "?")" }
    }

    @Test func fullAndPartialDatesAreNormalised() {
        #expect(found("BAOTOU, Aug. 10, 2016 (Xinhua) -- the alliance") == ["Aug. 10, 2016 = 2016-08-10"])
        #expect(found("on 15 February 2023 and in August 2016, since 1987") == [
            "15 February 2023 = 2023-02-15", "August 2016 = 2016-08", "1987 = 1987",
        ])
        #expect(found("updated 2016-08-10 08:17") == ["2016-08-10 = 2016-08-10"])
    }

    @Test func weekdaysAndRelativeFormsResolveAgainstTheDocumentDate() {
        #expect(found("authorities announced Wednesday", published) == ["Wednesday = 2016-08-10"])
        #expect(found("the talks on Monday", published) == ["Monday = 2016-08-08"])
        #expect(found("exceeded 14 billion yuan last year", published) == ["last year = 2015"])
        #expect(found("prices fell yesterday", published) == ["yesterday = 2016-08-09"])
    }

    @Test func withoutADocumentDateTheyStayUnresolved() {
        #expect(found("China announced on Wednesday") == ["Wednesday = ?"])
        #expect(found("output rose last year") == ["last year = ?"])
        #expect(found("no dates here, 52,000 tonnes").isEmpty)
    }
}
