/** @module @portcullis/store */
export {};
