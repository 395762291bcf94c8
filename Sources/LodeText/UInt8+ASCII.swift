extension UInt8 {
    /// This byte, an ASCII capital made lower case.
    @inlinable public var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}

extension BidirectionalCollection where Element == UInt8 {
    /// Whether these bytes end with `suffix` (written in lower case), ASCII capitals here read
    /// as lower case.
    @inlinable public func hasLowercaseSuffix(_ suffix: some Collection<UInt8>) -> Bool {
        guard count >= suffix.count else { return false }
        var i = index(endIndex, offsetBy: -suffix.count)
        for s in suffix {
            if self[i].asciiLowercased != s { return false }
            formIndex(after: &i)
        }
        return true
    }
}
