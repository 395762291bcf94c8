/// Process-wide settings for a program that makes and frees many small messages.
public enum ProcessTuning {
    /// Stops glibc from handing the top of the heap back to the kernel after every burst of
    /// frees and growing it again on the next: with many calls in flight that churn cost
    /// several percent of the event loop's time.
    public static func keepHeapWarm() {
        #if os(Linux)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2  // M_TRIM_THRESHOLD, M_TOP_PAD in <malloc.h>
        _ = mallopt(trimThreshold, 64 << 20)
        _ = mallopt(topPad, 16 << 20)
        #endif
    }
}

#if os(Linux)
/// glibc's mallopt(3); Swift's Glibc module leaves <malloc.h> out.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
