extension Array {
    /// The first run of neighbouring elements that satisfy `belongs`, if there is one.
    func firstRun(where belongs: (Element) -> Bool) -> Range<Int>? {
        guard let first = firstIndex(where: belongs) else { return nil }
        return first..<(self[first...].firstIndex { !belongs($0) } ?? endIndex)
    }
}
