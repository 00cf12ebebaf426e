#if canImport(Glibc)
import Glibc
#endif

/// Runs independent jobs on several threads (POSIX threads: no Foundation, no runtime to
/// start). Used to parse and build the files of a check, and to check its contracts,
/// concurrently; what the jobs produce is gathered by index, so the result does not depend
/// on the order they ran in.
public enum Parallel {
    /// The processors online.
    public static var processors: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Calls `body(i)` for every `i` in `0..<count`, on up to `threads` threads (the calling
    /// thread is one of them); each thread takes the next index from a shared counter.
    /// `body` must only touch what index `i` owns.
    public static func forEach(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let n = min(threads, count)
        if n <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = Work(count: count, body: body)
            var ids: [pthread_t] = []
            for _ in 1..<n {
                var t = pthread_t()
                let started = pthread_create(&t, nil, { arg in
                    Unmanaged<Work>.fromOpaque(arg!).takeUnretainedValue().run()
                    return nil
                }, Unmanaged.passUnretained(work).toOpaque())
                if started == 0 { ids.append(t) }
            }
            work.run()
            for t in ids { pthread_join(t, nil) }
        }
    }

    /// The shared counter and the job; alive until every thread is joined.
    final class Work: @unchecked Sendable {
        let count: Int
        let body: (Int) -> Void
        var next = 0
        let mutex: UnsafeMutablePointer<pthread_mutex_t>

        init(count: Int, body: @escaping (Int) -> Void) {
            self.count = count
            self.body = body
            mutex = .allocate(capacity: 1)
            pthread_mutex_init(mutex, nil)
        }

        deinit {
            pthread_mutex_destroy(mutex)
            mutex.deallocate()
        }

        func take() -> Int? {
            pthread_mutex_lock(mutex)
            defer { pthread_mutex_unlock(mutex) }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func run() {
            while let i = take() { body(i) }
        }
    }
}
