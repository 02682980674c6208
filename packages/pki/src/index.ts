/** @module @portcullis/pki */
export {};
