import LodeSearch
import Testing

@Suite struct QueryParserTests {
    @Test func theAnalystsQuery() throws {
        let q = try QueryParser.parse(#""rare earth" alliance -steel source:Xinhua date:2016..2019"#)
        #expect(q.root == .and([.phrase(["rare", "earth"], field: nil, at: 0), .term("alliance", field: nil, at: 13),
                                .not(.term("steel", field: nil, at: 23)), .term("Xinhua", field: .source, at: 36),
                                .dateRange(from: "2016-01-01", to: "2019-12-31")]))
        #expect(!q.writesAnd)
    }

    @Test func orBindsLooserThanAnd() throws {
        #expect(try QueryParser.parse("a b OR c").root
                == .or([.and([.term("a", field: nil), .term("b", field: nil, at: 2)]), .term("c", field: nil, at: 7)]))
        let written = try QueryParser.parse("a AND (b OR c)")
        #expect(written.root == .and([.term("a", field: nil), .or([.term("b", field: nil, at: 7), .term("c", field: nil, at: 12)])]))
        #expect(written.writesAnd)
    }

    @Test func prefixFuzzyAndFieldGroups() throws {
        #expect(try QueryParser.parse("magnet*").root == .prefix("magnet", field: nil))
        #expect(try QueryParser.parse("x Baotuo~").root == .and([.term("x", field: nil), .fuzzy("Baotuo", distance: 1, field: nil, at: 2)]))
        #expect(try QueryParser.parse("Baotuo~2").root == .fuzzy("Baotuo", distance: 2, field: nil))
        #expect(try QueryParser.parse("headline:(price OR output)").root
                == .or([.term("price", field: .headline, at: 10), .term("output", field: .headline, at: 19)]))
        #expect(try QueryParser.parse(#"headline:"rare earth""#).root == .phrase(["rare", "earth"], field: .headline, at: 9))
        #expect(try QueryParser.parse(#"a " earth ""#).root == .and([.term("a", field: nil), .term("earth", field: nil, at: 4)]))
        #expect(try QueryParser.parse("NOT a b").root == .and([.not(.term("a", field: nil, at: 4)), .term("b", field: nil, at: 6)]))
    }

    /// Positions count characters as a person sees them, whatever their bytes.
    @Test func positionsCountCharacters() throws {
        #expect(try QueryParser.parse("Zhōngguó 稀土 magnet*").root
                == .and([.term("Zhōngguó", field: nil), .term("稀土", field: nil, at: 9), .prefix("magnet", field: nil, at: 12)]))
    }

    @Test func openDateRanges() throws {
        #expect(try QueryParser.parse("x date:2016-01-01..").root == .and([.term("x", field: nil), .dateRange(from: "2016-01-01", to: nil)]))
        #expect(try QueryParser.parse("x date:..2016-12-31").root == .and([.term("x", field: nil), .dateRange(from: nil, to: "2016-12-31")]))
        #expect(try QueryParser.parse("x date:2016").root == .and([.term("x", field: nil), .dateRange(from: "2016-01-01", to: "2016-12-31")]))
    }

    @Test func entityFilters() throws {
        #expect(try QueryParser.parse(#"rare person:"Zhang Zhong""#).root
                == .and([.term("rare", field: nil), .entity("Zhang Zhong", kind: "PER")]))
        #expect(try QueryParser.parse("entity:CAE").root == .entity("CAE", kind: nil))
        #expect(try QueryParser.parse("alliance -loc:Xiongan OR org:Xinhua").root
                == .or([.and([.term("alliance", field: nil), .not(.entity("Xiongan", kind: "LOC"))]), .entity("Xinhua", kind: "ORG")]))
    }

    @Test(arguments: [
        ("", "the query is empty", 0),
        ("(a b", "the '(' here is never closed", 0),
        ("a b)", "')' has no '(' to close", 3),
        (#"say "hello"#, "the quote that opens here is never closed", 4),
        ("a OR", "OR has nothing after it", 2),
        ("AND a", "AND has nothing before it", 0),
        ("title:x", "no field is called title; fields are headline, body, source, captions, date, entity, person, org and loc", 0),
        ("rare person:", "person: needs a name after it, in quotes when it has blanks", 5),
        (#"rare org:"""#, "org: needs a name after it, in quotes when it has blanks", 5),
        ("x~3", "fuzzy matching allows 1 or 2 edits, not 3", 1),
        ("a*", "a prefix needs at least two letters before *", 0),
        ("x date:2016-1-1", "2016-1-1 is not a date; write YYYY or YYYY-MM-DD", 7),
        ("x date:2019..2016", "the date range 2019..2016 ends before it starts", 7),
        ("-steel", "a query needs at least one word to look for, not only exclusions", 0),
    ])
    func badQueriesSayWhereAndWhy(query: String, message: String, position: Int) {
        #expect(throws: QueryError(message: message, position: position)) { try QueryParser.parse(query) }
    }
}
