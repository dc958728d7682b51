/// The CUDA workload's kernel as PTX text, embedded so no CUDA toolkit is needed to build or run:
/// the driver JIT-compiles it for the GPU at hand. ISA 6.0 for `sm_50` loads on every GPU from
/// Maxwell on, with any driver since CUDA 9.
package enum VectorAddPTX {
    /// The kernel's entry name.
    package static let entry = "vectorAdd"

    /// `c[i] = a[i] + b[i]` for `i < n`, one thread per element.
    package static let source = """
        .version 6.0
        .target sm_50
        .address_size 64

        .visible .entry vectorAdd(
            .param .u64 vectorAdd_a,
            .param .u64 vectorAdd_b,
            .param .u64 vectorAdd_c,
            .param .u32 vectorAdd_n
        )
        {
            .reg .pred %p<2>;
            .reg .b32 %r<6>;
            .reg .f32 %f<4>;
            .reg .b64 %rd<11>;

            ld.param.u64 %rd1, [vectorAdd_a];
            ld.param.u64 %rd2, [vectorAdd_b];
            ld.param.u64 %rd3, [vectorAdd_c];
            ld.param.u32 %r2, [vectorAdd_n];
            mov.u32 %r3, %ctaid.x;
            mov.u32 %r4, %ntid.x;
            mov.u32 %r5, %tid.x;
            mad.lo.s32 %r1, %r3, %r4, %r5;
            setp.ge.s32 %p1, %r1, %r2;
            @%p1 bra DONE;
            cvta.to.global.u64 %rd4, %rd1;
            cvta.to.global.u64 %rd5, %rd2;
            cvta.to.global.u64 %rd6, %rd3;
            mul.wide.s32 %rd7, %r1, 4;
            add.s64 %rd8, %rd4, %rd7;
            add.s64 %rd9, %rd5, %rd7;
            add.s64 %rd10, %rd6, %rd7;
            ld.global.f32 %f1, [%rd8];
            ld.global.f32 %f2, [%rd9];
            add.f32 %f3, %f1, %f2;
            st.global.f32 [%rd10], %f3;
        DONE:
            ret;
        }

        """
}
